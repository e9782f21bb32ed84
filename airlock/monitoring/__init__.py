"""Operations: health and readiness probes, Prometheus metrics, JSON logs, the scan sweeper.

These URLs are served by every process whatever its zones (see airlock/urls.py): a load
balancer or monitoring system probes each process the same way.
"""
