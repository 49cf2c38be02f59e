package hk.carerelay.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    /** RFC 6962 section 2.1, written the way the RFC states it: MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
    private static byte[] rfcRoot(List<byte[]> leaves) throws Exception {
        if (leaves.isEmpty()) {
            return MessageDigest.getInstance("SHA-256").digest();
        }
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 1);
        sha.update(rfcRoot(leaves.subList(0, k)));
        return sha.digest(rfcRoot(leaves.subList(k, leaves.size())));
    }

    @Test
    void rootMatchesTheRfcDefinitionForEverySizeUpTo70() throws Exception {
        MerkleTree tree = new MerkleTree();
        List<byte[]> leaves = new ArrayList<>();
        assertThat(tree.root()).isEqualTo(rfcRoot(leaves));
        for (int i = 0; i < 70; i++) {
            byte[] leaf = MerkleTree.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8));
            leaves.add(leaf);
            tree.append(leaf);
            assertThat(MerkleTree.hex(tree.root())).as("size " + (i + 1)).isEqualTo(MerkleTree.hex(rfcRoot(leaves)));
        }
    }

    @Test
    void leafAndNodeHashesUseTheRfcPrefixes() throws Exception {
        byte[] entry = "x".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update((byte) 0);
        assertThat(MerkleTree.leafHash(entry)).isEqualTo(sha.digest(entry));
        // The empty tree's root is the hash of nothing, as RFC 6962 defines.
        assertThat(MerkleTree.hex(new MerkleTree().root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aTreeContinuesFromItsStoredFrontier() {
        MerkleTree whole = new MerkleTree();
        MerkleTree resumed = null;
        for (int i = 0; i < 45; i++) {
            byte[] leaf = MerkleTree.leafHash(HexFormat.of().parseHex(String.format("%04x", i)));
            whole.append(leaf);
            if (i == 26) {
                resumed = MerkleTree.fromFrontier(whole.size(), whole.frontierText());
            } else if (resumed != null) {
                resumed.append(leaf);
            }
        }
        assertThat(resumed.size()).isEqualTo(45);
        assertThat(resumed.root()).isEqualTo(whole.root());
    }

    @Test
    void aFrontierThatDoesNotAddUpIsRefused() {
        MerkleTree tree = new MerkleTree();
        tree.append(MerkleTree.leafHash(new byte[] {1}));
        tree.append(MerkleTree.leafHash(new byte[] {2}));
        assertThatThrownBy(() -> MerkleTree.fromFrontier(3, tree.frontierText())).isInstanceOf(IllegalStateException.class);
    }
}
