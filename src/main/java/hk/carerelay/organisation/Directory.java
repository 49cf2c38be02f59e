package hk.carerelay.organisation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Looks up institutions and specialties; the specialty list is reference data and is cached per node. */
@Service
public class Directory {

    private final JdbcClient jdbc;
    private final Map<String, Specialty> specialties = new ConcurrentHashMap<>();

    Directory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Institution> institutions() {
        return jdbc.sql("SELECT code, name_en, name_zh, kind, receives_referrals FROM institution ORDER BY code")
                .query((rs, n) -> new Institution(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5)))
                .list();
    }

    public List<Institution> receivingInstitutions() {
        return institutions().stream().filter(Institution::receivesReferrals).toList();
    }

    public Optional<Institution> institution(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return institutions().stream().filter(i -> i.code().equals(code)).findFirst();
    }

    public void addInstitution(Institution institution) {
        jdbc.sql("INSERT INTO institution (code, name_en, name_zh, kind, receives_referrals) VALUES (?, ?, ?, ?, ?)")
                .params(institution.code(), institution.nameEn(), institution.nameZh(), institution.kind(),
                        institution.receivesReferrals())
                .update();
    }

    public List<Specialty> specialties() {
        loadSpecialties();
        return specialties.values().stream().sorted((a, b) -> a.nameEn().compareTo(b.nameEn())).toList();
    }

    /** The specialty's name in the language, or the code itself if the code is unknown; "" for none. */
    public String specialtyName(String code, java.util.Locale locale) {
        return code == null ? "" : specialty(code).map(s -> s.name(locale)).orElse(code);
    }

    public Optional<Specialty> specialty(String code) {
        if (code == null) {
            return Optional.empty();
        }
        loadSpecialties();
        return Optional.ofNullable(specialties.get(code));
    }

    private void loadSpecialties() {
        if (specialties.isEmpty()) {
            jdbc.sql("SELECT code, name_en, name_zh FROM specialty")
                    .query((rs, n) -> new Specialty(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .list()
                    .forEach(s -> specialties.put(s.code(), s));
        }
    }
}
