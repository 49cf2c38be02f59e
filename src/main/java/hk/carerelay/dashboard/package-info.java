/**
 * The managers' dashboard: turnaround per stage, volumes, triage outcomes, SLA breaches, open referrals by age and
 * workload, for one receiving institution and a period, each figure with the list of referrals behind it. It reads
 * the referral table and the engine's task table with aggregate SQL only (never row by row, never clinical content)
 * and writes nothing but audit entries.
 */
package hk.carerelay.dashboard;
