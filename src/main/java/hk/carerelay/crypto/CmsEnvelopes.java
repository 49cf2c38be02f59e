package hk.carerelay.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.springframework.stereotype.Service;

/**
 * Encrypts content for an institution outside CareRelay as CMS EnvelopedData (RFC 5652) with Bouncy Castle: AES-256
 * (CBC, the content encryption every CMS and S/MIME reader supports) under a one-time key, delivered to the holder of
 * the recipient's X.509 certificate by RSAES-OAEP with SHA-256 (RSA keys) or ephemeral-static ECDH with the X9.63
 * SHA-256 KDF and AES-256 key wrap (EC keys). No CareRelay key is involved.
 */
@Service
public class CmsEnvelopes {

    private static final int LINE = 64;

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    /** The content enveloped for the certificate's holder; a certificate outside its validity period is refused. */
    public byte[] envelope(byte[] content, X509Certificate recipient, CmsFormat format) {
        try {
            recipient.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IllegalArgumentException("The recipient's certificate is not valid now: " + e.getMessage(), e);
        }
        try {
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(recipientInfo(recipient));
            CMSEnvelopedData enveloped = generator.generate(new CMSProcessableByteArray(content),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                            .setProvider(BouncyCastleProvider.PROVIDER_NAME).build());
            return encode(enveloped.getEncoded(), format);
        } catch (CMSException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build CMS EnvelopedData for " + recipient.getSubjectX500Principal(),
                    e);
        }
    }

    private static RecipientInfoGenerator recipientInfo(X509Certificate recipient)
            throws GeneralSecurityException, CertificateEncodingException {
        PublicKey key = recipient.getPublicKey();
        if (key instanceof RSAPublicKey) {
            OAEPParameterSpec oaep = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                    PSource.PSpecified.DEFAULT);
            return new JceKeyTransRecipientInfoGenerator(recipient,
                    new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(
                            PKCSObjectIdentifiers.id_RSAES_OAEP, oaep))
                    .setProvider(BouncyCastleProvider.PROVIDER_NAME);
        }
        if (key instanceof ECPublicKey ec) {
            KeyPairGenerator ephemeral = KeyPairGenerator.getInstance("EC",
                    BouncyCastleProvider.PROVIDER_NAME);
            ephemeral.initialize(ec.getParams());
            KeyPair pair = ephemeral.generateKeyPair();
            return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, pair.getPrivate(),
                    pair.getPublic(), CMSAlgorithm.AES256_WRAP).addRecipient(recipient)
                    .setProvider(BouncyCastleProvider.PROVIDER_NAME);
        }
        throw new IllegalArgumentException("Unsupported recipient key type " + key.getAlgorithm()
                + "; an RSA or EC certificate is needed");
    }

    private static byte[] encode(byte[] der, CmsFormat format) {
        return switch (format) {
            case DER -> der;
            case PEM -> ("-----BEGIN CMS-----\n" + base64Lines(der, "\n") + "-----END CMS-----\n")
                    .getBytes(StandardCharsets.US_ASCII);
            case SMIME -> ("MIME-Version: 1.0\r\n"
                    + "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n"
                    + "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n" + base64Lines(der, "\r\n"))
                    .getBytes(StandardCharsets.US_ASCII);
        };
    }

    private static String base64Lines(byte[] der, String newline) {
        String text = Base64.getEncoder().encodeToString(der);
        StringBuilder lines = new StringBuilder(text.length() + text.length() / LINE * 2 + 2);
        for (int i = 0; i < text.length(); i += LINE) {
            lines.append(text, i, Math.min(text.length(), i + LINE)).append(newline);
        }
        return lines.toString();
    }
}
