package hk.carerelay.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Associated data for AES-GCM built from fields, each written as a length-prefixed UTF-8 string, so that no two
 * different field lists encode to the same bytes ("ab","c" and "a","bc" differ).
 */
public final class AssociatedData {

    private AssociatedData() {
    }

    public static byte[] of(String... fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(fields.length);
            for (String field : fields) {
                byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
