package hk.carerelay.ui;

import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.VaadinSession;

/** English / 繁體中文: stored in the Vaadin session (it survives sign-in), applied by reloading the page. */
public class LanguageSwitch extends Select<Locale> {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale TRADITIONAL_CHINESE = Locale.forLanguageTag("zh-HK");

    public LanguageSwitch() {
        setItems(List.of(ENGLISH, TRADITIONAL_CHINESE));
        setItemLabelGenerator(l -> "zh".equals(l.getLanguage()) ? "繁體中文" : "English");
        setValue("zh".equals(UI.getCurrent().getLocale().getLanguage()) ? TRADITIONAL_CHINESE : ENGLISH);
        setWidth("9em");
        setId("language");
        getElement().setAttribute("aria-label", "Language / 語言");
        addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                VaadinSession.getCurrent().setLocale(e.getValue());
                UI.getCurrent().getPage().reload();
            }
        });
    }
}
