/**
 * SLA clocks on the waiting steps of every process: a due date per user task from configuration (process key, task
 * id, urgency), a cluster-safe breach check that gives each late task exactly one breach, a manager task per breach
 * (process {@code sla-breach}) and the breach figures for metrics. Knows no feature; features take part by
 * configuration and by naming their urgency in the {@code urgency} variable.
 */
package hk.carerelay.sla;
