package hk.carerelay.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * RFC 6962 hashing: leaf = SHA-256(0x00 ‖ entry), node = SHA-256(0x01 ‖ left ‖ right). Keeps only the frontier (the
 * roots of the perfect subtrees, largest first), so a tree of any size grows leaf by leaf in O(log n) memory, and its
 * root is the RFC 6962 Merkle tree hash of all leaves so far.
 */
final class MerkleTree {

    private static final HexFormat HEX = HexFormat.of();

    private record Node(int height, byte[] hash) {
    }

    private final List<Node> frontier = new ArrayList<>();
    private long size;

    static byte[] leafHash(byte[] entry) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        return sha.digest(entry);
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        return sha.digest(right);
    }

    /** The running chain: SHA-256(previous chain hash ‖ leaf hash). */
    static byte[] chainHash(byte[] previous, byte[] leaf) {
        MessageDigest sha = sha256();
        sha.update(previous);
        return sha.digest(leaf);
    }

    static final byte[] CHAIN_START = new byte[32];

    void append(byte[] leafHash) {
        frontier.add(new Node(0, leafHash));
        size++;
        while (frontier.size() >= 2) {
            Node right = frontier.get(frontier.size() - 1);
            Node left = frontier.get(frontier.size() - 2);
            if (left.height() != right.height()) {
                break;
            }
            frontier.remove(frontier.size() - 1);
            frontier.set(frontier.size() - 1, new Node(left.height() + 1, nodeHash(left.hash(), right.hash())));
        }
    }

    long size() {
        return size;
    }

    byte[] root() {
        if (frontier.isEmpty()) {
            return sha256().digest();
        }
        byte[] root = frontier.get(frontier.size() - 1).hash();
        for (int i = frontier.size() - 2; i >= 0; i--) {
            root = nodeHash(frontier.get(i).hash(), root);
        }
        return root;
    }

    /** The frontier as text ("height:hex,..."), stored with a checkpoint so the next one can continue from it. */
    String frontierText() {
        StringBuilder text = new StringBuilder();
        for (Node node : frontier) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(node.height()).append(':').append(HEX.formatHex(node.hash()));
        }
        return text.toString();
    }

    static MerkleTree fromFrontier(long size, String text) {
        MerkleTree tree = new MerkleTree();
        tree.size = size;
        if (text != null && !text.isEmpty()) {
            for (String part : text.split(",")) {
                int colon = part.indexOf(':');
                tree.frontier.add(new Node(Integer.parseInt(part.substring(0, colon)),
                        HEX.parseHex(part.substring(colon + 1))));
            }
        }
        long expected = 0;
        for (Node node : tree.frontier) {
            expected += 1L << node.height();
        }
        if (expected != size) {
            throw new IllegalStateException("Checkpoint frontier does not describe a tree of " + size + " leaves");
        }
        return tree;
    }

    static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
