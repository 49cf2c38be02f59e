package hk.carerelay.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import hk.carerelay.ApplicationTest;
import hk.carerelay.workflow.EngineLookups.Instance;

/** The task path's reads by id: a process instance's case id and definition are read once and then kept. */
@ApplicationTest
class EngineLookupsTest {

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    EngineLookups lookups;

    @Test
    void anInstanceIsReadOnceAndKeptWithItsCaseIdAndDefinition() {
        Deployment deployment = repositoryService.createDeployment().addModelInstance("lookups-test.bpmn",
                Bpmn.createExecutableProcess("lookups-test").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("Task_Wait").endEvent().done())
                .deploy();
        try {
            ProcessInstance a = runtimeService.startProcessInstanceByKey("lookups-test", "case-a");
            ProcessInstance b = runtimeService.startProcessInstanceByKey("lookups-test", "case-b");
            Instance instanceA = new Instance(a.getId(), "case-a", a.getProcessDefinitionId());
            Instance instanceB = new Instance(b.getId(), "case-b", b.getProcessDefinitionId());

            assertThat(lookups.processInstance(a.getId())).isEqualTo(instanceA);
            assertThat(lookups.processInstances(List.of(a.getId(), b.getId(), "no-such-instance")))
                    .containsExactlyInAnyOrder(instanceA, instanceB);
            assertThat(lookups.processInstance("no-such-instance")).isNull();

            // kept: an instance that has ended since is still answered (for its tasks' history)
            runtimeService.deleteProcessInstance(a.getId(), "test");
            assertThat(lookups.processInstance(a.getId())).isEqualTo(instanceA);
            assertThat(lookups.processInstances(List.of(a.getId()))).containsExactly(instanceA);

            // read again once forgotten: the ended instance is no longer running, the other one is
            lookups.forgetInstances();
            assertThat(lookups.processInstance(a.getId())).isNull();
            assertThat(lookups.processInstance(b.getId())).isEqualTo(instanceB);
        } finally {
            repositoryService.deleteDeployment(deployment.getId(), true);
        }
    }
}
