/**
 * Operations metrics for Prometheus: referrals by status, triage SLA breaches. It reads features only through their
 * public services and events and keeps no state another node would need (counts are re-read, counters are per node).
 */
package hk.carerelay.metrics;
