package hk.carerelay.discharge;

/** A hospital doctor sent a discharge summary to a family doctor. */
public record DischargeHandoverSent(String handoverId, String familyDoctor, String hospital) {
}
