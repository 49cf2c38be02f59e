package hk.carerelay.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import hk.carerelay.shared.HongKongTime;

/**
 * Audit entries as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read Chinese correctly). Cells
 * that a spreadsheet would treat as a formula are prefixed with a quote.
 */
final class CsvAuditExport implements AutoCloseable {

    private static final String HEADER = "id,occurred_at_utc,occurred_at_hkt,username,role,institution,on_behalf_of,"
            + "client_ip,user_agent,action,object_type,object_id,patient_id,referral_id,record_section,"
            + "process_instance_id,outcome,detail";

    private final Writer out;

    CsvAuditExport(OutputStream stream) throws IOException {
        out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        out.write('\ufeff');
        out.write(HEADER);
        out.write("\r\n");
    }

    void write(AuditEntry e) throws IOException {
        String[] cells = {String.valueOf(e.id()), e.occurredAt().toString(), HongKongTime.format(e.occurredAt()),
                e.username(), e.role(), e.institution(), e.onBehalfOf(), e.clientIp(), e.userAgent(), e.action().name(),
                e.objectType(), e.objectId(), e.patientId(), e.referralId(), e.recordSection(), e.processInstanceId(),
                e.outcome(), e.detail()};
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells[i]));
        }
        out.write("\r\n");
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
