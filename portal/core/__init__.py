"""The domain every area shares: people and their keys (accounts), the access log (audit), and
HR's texts in two languages as versions (bilingual). No web code; imports only the platform.
"""
