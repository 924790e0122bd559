package dev.npv.load;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import dev.npv.diag.Diagnostics;
import dev.npv.model.IpBlock;
import dev.npv.model.LabelSelector;
import dev.npv.model.Peer;
import java.util.Optional;

/**
 * Reads a NetworkPolicyPeer: podSelector and/or namespaceSelector, or ipBlock alone. The API requires
 * at least one of the three and forbids ipBlock together with a selector.
 */
public final class PeerReader {
  private static final ImmutableSet<String> FIELDS = ImmutableSet.of("podSelector", "namespaceSelector", "ipBlock");
  /** The classic mistake: a rule's fields indented one level too deep, into a peer. */
  private static final ImmutableMap<String, String> HINTS = ImmutableMap.of(
      "ports", "did you mean to put 'ports' at the rule level?",
      "from", "'from' is a field of the ingress rule, not of a peer",
      "to", "'to' is a field of the egress rule, not of a peer",
      "cidr", "did you mean 'ipBlock: {cidr: ...}'?",
      "matchLabels", "did you mean 'podSelector: {matchLabels: ...}'?",
      "matchExpressions", "did you mean 'podSelector: {matchExpressions: ...}'?");

  private PeerReader() {
  }

  public static Optional<Peer> read(YNode node, Diagnostics diags) {
    Optional<Fields> f = Fields.of(node, "NetworkPolicyPeer", diags);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Fields p = f.get().known(FIELDS, HINTS);
    int errorsBefore = diags.errorCount();
    Optional<LabelSelector> pods = p.node("podSelector")
        .flatMap(n -> SelectorReader.read(n, "podSelector of a peer", diags));
    Optional<LabelSelector> namespaces = p.node("namespaceSelector")
        .flatMap(n -> SelectorReader.read(n, "namespaceSelector of a peer", diags));
    Optional<IpBlock> block = p.node("ipBlock").flatMap(n -> IpBlockReader.read(n, diags));
    boolean hasSelector = p.has("podSelector") || p.has("namespaceSelector");
    if (p.has("ipBlock") && hasSelector) {
      diags.error(Codes.PEER_MIXED, p.keyLocation("ipBlock"), "a peer may not combine 'ipBlock' with"
          + " 'podSelector' or 'namespaceSelector'; write them as separate peers");
      return Optional.empty();
    }
    if (!p.has("ipBlock") && !hasSelector) {
      if (diags.errorCount() == errorsBefore) {
        diags.error(Codes.PEER_EMPTY, p.location(), "a peer must set one of 'podSelector',"
            + " 'namespaceSelector' or 'ipBlock' (to allow all peers, omit 'from'/'to')");
      }
      return Optional.empty();
    }
    if (diags.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return block.<Peer>map(Peer.Addresses::new).or(() -> Optional.of(new Peer.Pods(namespaces, pods)));
  }
}
