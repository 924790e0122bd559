package dev.npv.spec;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import dev.npv.diag.SourceLocation;
import dev.npv.model.Cidr;
import dev.npv.model.IpAddress;
import dev.npv.model.IpBlock;
import dev.npv.model.LabelSelector;
import dev.npv.model.SelectorOperator;
import dev.npv.model.SelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the command-line endpoint forms of {@code npv reach}, all of which must hold together:
 * {@code ns/name} (a workload), {@code namespace:NAME}, {@code ns:SELECTOR} (namespace labels),
 * {@code pod:SELECTOR} or a bare {@code SELECTOR} (pod labels, kubectl syntax: {@code a=b,c!=d,
 * e in (x,y),f notin (z),g,!h}), or an IP address or CIDR (an external address).
 */
public final class EndpointExpressions {
  private static final Pattern WORKLOAD = Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?)/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)");
  private static final Pattern SET_OP = Pattern.compile("\\s*([^\\s!=]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");

  private EndpointExpressions() {
  }

  /** Combines the given parts into one endpoint selector, or throws with a one-line message. */
  public static EndpointSelector parse(List<String> parts, SourceLocation at) {
    Optional<String> namespace = Optional.empty();
    Optional<LabelSelector> nsSel = Optional.empty();
    Optional<LabelSelector> podSel = Optional.empty();
    Optional<EndpointSelector.WorkloadRef> workload = Optional.empty();
    Optional<IpBlock> block = Optional.empty();
    for (String raw : parts) {
      String p = raw.trim();
      Matcher w = WORKLOAD.matcher(p);
      if (p.startsWith("namespace:")) {
        namespace = Optional.of(p.substring("namespace:".length()).trim());
      } else if (p.startsWith("ns:")) {
        nsSel = Optional.of(and(nsSel, selector(p.substring(3))));
      } else if (p.startsWith("pod:")) {
        podSel = Optional.of(and(podSel, selector(p.substring(4))));
      } else if (w.matches()) {
        workload = Optional.of(new EndpointSelector.WorkloadRef(w.group(1), w.group(3)));
      } else if (Cidr.parse(p).isPresent() || IpAddress.parse(p).isPresent()) {
        block = Optional.of(new IpBlock(Cidr.parse(p).orElseGet(() -> hostCidr(p)), ImmutableList.of()));
      } else {
        podSel = Optional.of(and(podSel, selector(p)));
      }
    }
    if (block.isPresent() && (namespace.isPresent() || nsSel.isPresent() || podSel.isPresent() || workload.isPresent())) {
      throw new IllegalArgumentException("an address cannot be combined with pod or namespace constraints");
    }
    return new EndpointSelector(namespace, nsSel, podSel, workload, block, at);
  }

  /**
   * Splits one argument that joins several forms with {@code /}, such as
   * {@code ns:project=myApp/pod:app=frontend}, at each {@code /} that starts a {@code ns:},
   * {@code pod:} or {@code namespace:} part (label keys may contain {@code /} themselves).
   */
  public static List<String> splitCompound(String text) {
    return List.of(text.split("/(?=(ns|pod|namespace):)"));
  }

  /** {@code ns/name} as a workload reference, if the text has that form. */
  public static Optional<EndpointSelector.WorkloadRef> workloadRef(String text) {
    Matcher w = WORKLOAD.matcher(text.trim());
    return w.matches() ? Optional.of(new EndpointSelector.WorkloadRef(w.group(1), w.group(3))) : Optional.empty();
  }

  private static Cidr hostCidr(String ip) {
    IpAddress a = IpAddress.parse(ip).orElseThrow();
    return Cidr.of(a + "/" + a.bits());
  }

  private static LabelSelector and(Optional<LabelSelector> a, LabelSelector b) {
    if (a.isEmpty()) {
      return b;
    }
    TreeMap<String, String> labels = new TreeMap<>(a.get().matchLabels());
    labels.putAll(b.matchLabels());
    List<SelectorRequirement> reqs = new ArrayList<>(a.get().matchExpressions());
    reqs.addAll(b.matchExpressions());
    return new LabelSelector(ImmutableSortedMap.copyOf(labels), ImmutableList.copyOf(reqs));
  }

  /** kubectl label selector syntax. */
  public static LabelSelector selector(String text) {
    TreeMap<String, String> labels = new TreeMap<>();
    List<SelectorRequirement> reqs = new ArrayList<>();
    for (String term : splitTerms(text)) {
      String t = term.trim();
      if (t.isEmpty()) {
        continue;
      }
      Matcher set = SET_OP.matcher(t);
      if (set.matches()) {
        ImmutableSortedSet<String> values = ImmutableSortedSet.copyOf(
            List.of(set.group(3).split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
        if (values.isEmpty()) {
          throw new IllegalArgumentException("'" + t + "' needs at least one value");
        }
        reqs.add(new SelectorRequirement(set.group(1),
            set.group(2).equals("in") ? SelectorOperator.In : SelectorOperator.NotIn, values));
      } else if (t.contains("!=")) {
        String[] kv = t.split("!=", 2);
        reqs.add(SelectorRequirement.of(kv[0].trim(), SelectorOperator.NotIn, kv[1].trim()));
      } else if (t.contains("=")) {
        String[] kv = t.split("==?", 2);
        labels.put(kv[0].trim(), kv[1].trim());
      } else if (t.startsWith("!")) {
        reqs.add(SelectorRequirement.of(t.substring(1).trim(), SelectorOperator.DoesNotExist));
      } else if (t.matches("[A-Za-z0-9._/-]+")) {
        reqs.add(SelectorRequirement.of(t, SelectorOperator.Exists));
      } else {
        throw new IllegalArgumentException("cannot parse selector term '" + t + "'");
      }
    }
    return new LabelSelector(ImmutableSortedMap.copyOf(labels), ImmutableList.copyOf(reqs));
  }

  /** Splits at commas outside parentheses. */
  private static List<String> splitTerms(String text) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
