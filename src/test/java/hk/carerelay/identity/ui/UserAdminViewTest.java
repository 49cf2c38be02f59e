package hk.carerelay.identity.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;

import hk.carerelay.identity.Accounts;
import hk.carerelay.identity.Role;
import hk.carerelay.organisation.Directory;
import hk.carerelay.organisation.Institution;
import hk.carerelay.ui.ViewTestSupport;

class UserAdminViewTest extends ViewTestSupport {

    @Autowired
    Directory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @SuppressWarnings("unchecked")
    private Grid<Accounts.Summary> grid() {
        return _get(Grid.class, spec -> spec.withId("user-grid"));
    }

    private int rowOf(String username) {
        List<Accounts.Summary> rows = grid().getGenericDataView().getItems().toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).username().equals(username)) {
                return i;
            }
        }
        throw new AssertionError("no row for " + username);
    }

    private void act(String username, String buttonClass) {
        HorizontalLayout actions = (HorizontalLayout) _getCellComponent(grid(), rowOf(username), "actions");
        _click(_get(actions, Button.class, spec -> spec.withClasses(buttonClass)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdministratorOpensAnAccountAndLooksAfterIt() {
        signIn("sysadmin");
        UI.getCurrent().navigate("admin/users");

        _click(_get(Button.class, spec -> spec.withId("create-user")));
        _setValue(_get(TextField.class, spec -> spec.withId("new-username")), "Bad Name!");
        _click(_get(Button.class, spec -> spec.withId("save-user")));
        assertThat(_get(Div.class, spec -> spec.withId("create-errors")).getText()).contains("Username")
                .contains("Role").doesNotContain("users.");

        _setValue(_get(TextField.class, spec -> spec.withId("new-username")), "nurse.chow");
        _setValue(_get(TextField.class, spec -> spec.withId("new-display-name")), "Chow Ka Yan");
        _setValue((Select<Role>) _get(Select.class, spec -> spec.withId("new-role")), Role.NURSE);
        _setValue((Select<Institution>) _get(Select.class, spec -> spec.withId("new-institution")),
                directory.institution("HSC").orElseThrow());
        _setValue(_get(com.vaadin.flow.component.combobox.ComboBox.class, spec -> spec.withId("new-department")),
                directory.specialty("CARDIOLOGY").orElseThrow());
        _click(_get(Button.class, spec -> spec.withId("save-user")));

        assertThat(_get(Div.class, spec -> spec.withId("temporary-password")).getText()).contains("nurse.chow");
        Accounts.Summary created = grid().getGenericDataView().getItems()
                .filter(s -> s.username().equals("nurse.chow")).findFirst().orElseThrow();
        assertThat(created.secondFactorEnrolled()).isFalse();
        assertThat(created.passwordResetRequired()).isTrue();

        act("nurse.chow", "toggle-user");
        assertThat(users.find("nurse.chow")).as("deactivated accounts cannot be used").isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = 'nurse.chow'").query(Long.class).single())
                .as("but never deleted").isEqualTo(1);
        act("nurse.chow", "toggle-user");
        assertThat(users.find("nurse.chow")).isPresent();

        act("nurse.chow", "reset-password");
        assertThat(_get(Div.class, spec -> spec.withId("temporary-password")).getText()).contains("nurse.chow");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE username = 'sysadmin' AND object_id = 'nurse.chow'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void onlySystemAdministratorsManageAccounts() {
        signIn("manager.tsang");
        assertThatThrownBy(() -> {
            UI.getCurrent().navigate("admin/users");
            _get(UserAdminView.class);
        }).hasMessageContaining("AccessDeniedException");
    }

    @Test
    void aUserWhosePasswordWasResetMustChooseANewOneFirst() {
        if (!users.exists("admin.reset")) {
            accounts.create(users.find("sysadmin").orElseThrow(),
                    new Accounts.Request("admin.reset", "Reset Test", Role.ADMIN_STAFF, "HSC", null));
        }
        Accounts.TemporaryPassword temporary = accounts.resetPassword(users.find("sysadmin").orElseThrow(), "admin.reset");
        signIn("admin.reset");
        UI.getCurrent().navigate("referrals");
        _get(AccountView.class);
        _get(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withId("must-change-password"));

        _setValue(_get(PasswordField.class, spec -> spec.withId("current-password")), temporary.password());
        _setValue(_get(PasswordField.class, spec -> spec.withId("new-password")), "password1234");
        _setValue(_get(PasswordField.class, spec -> spec.withId("repeat-password")), "password1234");
        _click(_get(Button.class, spec -> spec.withId("change-password")));
        assertThat(_get(PasswordField.class, spec -> spec.withId("new-password")).getErrorMessage()).contains("common");

        _setValue(_get(PasswordField.class, spec -> spec.withId("new-password")), "Harbour-lantern-47");
        _setValue(_get(PasswordField.class, spec -> spec.withId("repeat-password")), "Harbour-lantern-47");
        _click(_get(Button.class, spec -> spec.withId("change-password")));
        assertThat(accounts.mustChangePassword(users.find("admin.reset").orElseThrow())).isFalse();
    }
}
