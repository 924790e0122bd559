package dev.npv.smt;

import dev.npv.model.CiliumPeer;
import dev.npv.model.CiliumPeerRule;
import dev.npv.model.CiliumPolicy;
import dev.npv.model.CiliumPort;
import dev.npv.model.CiliumRule;
import dev.npv.model.CiliumSubject;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.LabelSelector;
import dev.npv.model.PortSpec;
import dev.npv.model.SelectorRequirement;
import java.util.List;
import java.util.TreeSet;

/** The label keys, values and port names Cilium policies mention, for the {@link Universe}'s finite domains. */
final class CiliumDomains {
  private CiliumDomains() {
  }

  static void add(Cluster cluster, ValueDomain.Builder pods, ValueDomain.Builder nss, ValueDomain.Builder nodes,
                  TreeSet<String> ports) {
    for (CiliumPolicy p : cluster.ciliumPolicies()) {
      for (CiliumRule r : p.rules()) {
        if (r.subject() instanceof CiliumSubject.Endpoints e) {
          add(nss, e.selector().namespacePart());
          add(pods, e.selector().podPart());
        }
        for (Direction d : Direction.values()) {
          for (List<CiliumPeerRule> entries : List.of(r.allows(d), r.denies(d))) {
            for (CiliumPeerRule e : entries) {
              for (CiliumPeer peer : e.peers()) {
                if (peer instanceof CiliumPeer.Endpoints x) {
                  add(nss, x.selector().namespacePart());
                  add(pods, x.selector().podPart());
                } else if (peer instanceof CiliumPeer.Nodes x) {
                  add(nodes, x.selector());
                }
              }
              e.toPorts().forEach(pr -> pr.ports().stream().map(CiliumPort::spec)
                  .filter(PortSpec.Named.class::isInstance).forEach(s -> ports.add(((PortSpec.Named) s).name())));
            }
          }
        }
      }
    }
  }

  private static void add(ValueDomain.Builder b, LabelSelector s) {
    s.matchLabels().forEach(b::value);
    for (SelectorRequirement r : s.matchExpressions()) {
      b.key(r.key());
      r.values().forEach(v -> b.value(r.key(), v));
    }
  }
}
