"""Cross-cutting protection: security headers, the second factor per zone, domain errors as 4xx."""
