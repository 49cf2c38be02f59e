package hk.carerelay.consent;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordRefusal: the patient refused; the clinic and the receiving side are told. */
@Component("recordRefusalDelegate")
class RecordRefusalDelegate implements JavaDelegate {

    private final ConsentService consents;

    RecordRefusalDelegate(ConsentService consents) {
        this.consents = consents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        consents.recordRefusal(execution.getProcessBusinessKey());
    }
}
