"""The directory of confidential advisers: everyone may browse it and choose freely."""
