package dev.npv.lint;

import dev.npv.model.Cidr;
import dev.npv.model.IpBlock;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** ipBlock peers whose except entries together remove all of the cidr: the peer matches nothing. */
final class ExceptCheck {
  private ExceptCheck() {
  }

  static void run(LintContext c, List<LintFinding> out) {
    for (Policy p : c.cluster().policies()) {
      LintContext.effectiveRules(p).forEach(r -> r.peers().forEach(peer -> {
        Optional<IpBlock> block = block(peer);
        if (block.isPresent() && covered(block.get())) {
          out.add(LintFinding.of(LintCode.EXCEPT_COVERS_CIDR, r.location(),
              "ipBlock " + block.get() + " of " + LintContext.ruleName(p, r)
                  + " matches no address: its except entries remove all of " + block.get().cidr()));
        }
      }));
    }
  }

  private static Optional<IpBlock> block(Peer peer) {
    return peer.accept(new Peer.Visitor<>() {
      @Override
      public Optional<IpBlock> pods(Peer.Pods pods) {
        return Optional.empty();
      }

      @Override
      public Optional<IpBlock> addresses(Peer.Addresses addresses) {
        return Optional.of(addresses.block());
      }

      @Override
      public Optional<IpBlock> nodes(Peer.Nodes nodes) {
        return Optional.empty();
      }
    });
  }

  /** Whether the union of the excepts (same family) covers the whole cidr: merged intervals, in order. */
  static boolean covered(IpBlock b) {
    Cidr cidr = b.cidr();
    List<Cidr> xs = b.except().stream().filter(x -> x.v6() == cidr.v6())
        .sorted(Comparator.comparing(Cidr::base)).toList();
    BigInteger next = cidr.base(); // the first address not yet known to be removed
    for (Cidr x : xs) {
      if (x.base().compareTo(next) > 0) {
        break; // a gap
      }
      if (x.last().compareTo(next) >= 0) {
        next = x.last().add(BigInteger.ONE);
      }
      if (next.compareTo(cidr.last()) > 0) {
        return true;
      }
    }
    return next.compareTo(cidr.last()) > 0;
  }
}
