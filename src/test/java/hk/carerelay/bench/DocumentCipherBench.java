package hk.carerelay.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import hk.carerelay.crypto.AssociatedData;
import hk.carerelay.crypto.EnvelopeEncryption;
import hk.carerelay.crypto.TemporaryKeys;

/**
 * Bulk AES-256-GCM throughput (not a test): the JDK provider (SunJCE, with the AES and GHASH intrinsics), Bouncy
 * Castle through JCE, Bouncy Castle's lightweight GCM cipher, and the document store's own path (a fresh data key, a
 * nonce and a key wrap per call, as {@code EnvelopeEncryption} does), on the same buffers in the same run, one thread.
 *
 * <p>Arguments: {@code [sizesInMiB=1,25] [secondsPerMeasurement=3] [rounds=3] [warmUpSeconds=10]}. Prints MiB/s by wall clock and by
 * the thread's CPU time (steadier on a shared machine), and each implementation's ratio to the JDK provider.
 */
public final class DocumentCipherBench {

    private static final int TAG_BITS = 128;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DocumentCipherBench() {
    }

    interface Operation {
        void run(byte[] in, byte[] out, byte[] nonce) throws Exception;
    }

    record Measure(double wallMiBs, double cpuMiBs) {
    }

    public static void main(String[] args) throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "1,25").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        double warmUpSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 10;
        describeMachine();

        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        SecretKeySpec aes = new SecretKeySpec(key, "AES");
        byte[] aad = AssociatedData.of("carerelay-blob-v1", "00000000-0000-0000-0000-000000000000", "ORIGINAL",
                "application/pdf", "0");
        EnvelopeEncryption envelopes = TemporaryKeys.envelopeEncryption();

        // The JDK reaches its intrinsic speed only once C2 has compiled its GCM code, for small and for large inputs
        // separately; before that it runs at about the speed of Bouncy Castle's pure Java. With megabyte buffers (a few
        // calls a second) that took 5-20 s here, so every implementation runs first on small, then on large buffers.
        Operations warm = operations(new byte[16 * 1024], key, aes, aad, envelopes);
        System.out.printf(Locale.ROOT, "%nwarm-up on 16 KiB buffers, %.0f s per implementation and direction%n",
                warmUpSeconds);
        for (Map<String, Operation> ops : List.of(warm.encrypt(), warm.decrypt())) {
            for (Operation op : ops.values()) {
                measure(op, warm.plain(), new byte[warm.plain().length + TAG_BITS / 8], warmUpSeconds);
            }
        }
        for (int size : sizes) {
            byte[] plain = new byte[size * 1024 * 1024];
            random.nextBytes(plain);
            Operations ops = operations(plain, key, aes, aad, envelopes);
            System.out.printf(Locale.ROOT, "%n== %d MiB buffers, %.1f s per measurement, %d rounds (median)%n", size,
                    seconds, rounds);
            report("encrypt", ops.encrypt(), plain, seconds, rounds, warmUpSeconds);
            report("decrypt", ops.decrypt(), plain, seconds, rounds, warmUpSeconds);
        }
    }

    record Operations(byte[] plain, Map<String, Operation> encrypt, Map<String, Operation> decrypt) {
    }

    private static Operations operations(byte[] plain, byte[] key, SecretKeySpec aes, byte[] aad,
            EnvelopeEncryption envelopes) throws Exception {
        Map<String, Operation> encrypt = new LinkedHashMap<>();
        encrypt.put("JDK (SunJCE)", (in, out, nonce) -> jce("SunJCE", Cipher.ENCRYPT_MODE, aes, nonce, aad, in, out));
        encrypt.put("BC provider (JCE)", (in, out, nonce) -> jce("BC", Cipher.ENCRYPT_MODE, aes, nonce, aad, in, out));
        encrypt.put("BC lightweight GCMModeCipher", (in, out, nonce) -> lightweight(true, key, nonce, aad, in, out));
        encrypt.put("store path (EnvelopeEncryption.seal)", (in, out, nonce) -> envelopes.seal(in, aad, "bench"));

        byte[] fixedNonce = new byte[12];
        byte[] ciphertext = new byte[plain.length + TAG_BITS / 8];
        jce("SunJCE", Cipher.ENCRYPT_MODE, aes, fixedNonce, aad, plain, ciphertext);
        EnvelopeEncryption.Sealed sealed = envelopes.seal(plain, aad, "bench");
        checkSameResults(key, aes, aad, plain, ciphertext, fixedNonce);

        Map<String, Operation> decrypt = new LinkedHashMap<>();
        decrypt.put("JDK (SunJCE)",
                (in, out, nonce) -> jce("SunJCE", Cipher.DECRYPT_MODE, aes, fixedNonce, aad, ciphertext, out));
        decrypt.put("BC provider (JCE)",
                (in, out, nonce) -> jce("BC", Cipher.DECRYPT_MODE, aes, fixedNonce, aad, ciphertext, out));
        decrypt.put("BC lightweight GCMModeCipher",
                (in, out, nonce) -> lightweight(false, key, fixedNonce, aad, ciphertext, out));
        decrypt.put("store path (EnvelopeEncryption.open)", (in, out, nonce) -> envelopes.open(sealed, aad, "bench"));
        return new Operations(plain, encrypt, decrypt);
    }

    private static void report(String direction, Map<String, Operation> operations, byte[] plain, double seconds,
            int rounds, double warmUpSeconds) throws Exception {
        byte[] out = new byte[plain.length + TAG_BITS / 8];
        for (Map.Entry<String, Operation> op : operations.entrySet()) {
            measure(op.getValue(), plain, out, warmUpSeconds);
        }
        Map<String, List<Measure>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Operation> op : operations.entrySet()) {
                results.computeIfAbsent(op.getKey(), k -> new ArrayList<>())
                        .add(measure(op.getValue(), plain, out, seconds));
            }
        }
        Measure jdk = median(results.values().iterator().next());
        System.out.printf(Locale.ROOT, "%-8s %-38s %10s %10s %8s %8s  %s%n", direction, "implementation", "MiB/s",
                "MiB/s CPU", "x JDK", "x JDK CPU", "rounds (wall MiB/s)");
        for (Map.Entry<String, List<Measure>> r : results.entrySet()) {
            Measure m = median(r.getValue());
            System.out.printf(Locale.ROOT, "%-8s %-38s %10.0f %10.0f %8.2f %8.2f  %s%n", direction, r.getKey(),
                    m.wallMiBs(), m.cpuMiBs(), m.wallMiBs() / jdk.wallMiBs(), m.cpuMiBs() / jdk.cpuMiBs(),
                    r.getValue().stream().map(x -> String.format(Locale.ROOT, "%.0f", x.wallMiBs())).toList());
        }
    }

    private static Measure measure(Operation op, byte[] plain, byte[] out, double seconds) throws Exception {
        byte[] nonce = new byte[12];
        long counter = 0;
        long bytes = 0;
        long startCpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int ops = 0;
        while (System.nanoTime() < end || ops < 3) {
            ByteBuffer.wrap(nonce).putLong(4, ++counter); // a new nonce for every encryption under the bench key
            op.run(plain, out, nonce);
            bytes += plain.length;
            ops++;
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (THREADS.getCurrentThreadCpuTime() - startCpu) / 1e9;
        double mib = bytes / (1024.0 * 1024.0);
        return new Measure(mib / wall, mib / cpu);
    }

    private static Measure median(List<Measure> measures) {
        double[] wall = measures.stream().mapToDouble(Measure::wallMiBs).sorted().toArray();
        double[] cpu = measures.stream().mapToDouble(Measure::cpuMiBs).sorted().toArray();
        return new Measure(wall[wall.length / 2], cpu[cpu.length / 2]);
    }

    private static void jce(String provider, int mode, SecretKeySpec key, byte[] nonce, byte[] aad, byte[] in,
            byte[] out) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        cipher.doFinal(in, 0, in.length, out, 0);
    }

    private static void lightweight(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] in, byte[] out)
            throws Exception {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
        int n = gcm.processBytes(in, 0, in.length, out, 0);
        gcm.doFinal(out, n);
    }

    /** All three implementations must produce the same ciphertext and decrypt it to the same plaintext. */
    private static void checkSameResults(byte[] key, SecretKeySpec aes, byte[] aad, byte[] plain, byte[] jdkCiphertext,
            byte[] nonce) throws Exception {
        byte[] bc = new byte[jdkCiphertext.length];
        jce("BC", Cipher.ENCRYPT_MODE, aes, nonce, aad, plain, bc);
        byte[] light = new byte[jdkCiphertext.length];
        lightweight(true, key, nonce, aad, plain, light);
        byte[] back = new byte[plain.length];
        lightweight(false, key, nonce, aad, jdkCiphertext, back);
        if (!Arrays.equals(bc, jdkCiphertext) || !Arrays.equals(light, jdkCiphertext) || !Arrays.equals(back, plain)) {
            throw new IllegalStateException("The implementations disagree");
        }
    }

    private static void describeMachine() throws Exception {
        String cpu = "unknown";
        String flags = "";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name") && "unknown".equals(cpu)) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                }
                if (line.startsWith("flags") && flags.isEmpty()) {
                    List<String> present = Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split(" "));
                    flags = String.join(" ", List.of("aes", "pclmulqdq", "avx", "avx2", "avx512f", "vaes", "vpclmulqdq")
                            .stream().filter(present::contains).toList());
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s; %d cores; %s; Java %s (%s); Bouncy Castle %s; load average %.2f%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Security.getProvider("BC").getVersionStr(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("CPU flags: " + flags);
    }
}
