package dev.npv.eval;

import static dev.npv.testutil.Dsl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.npv.model.Cluster;
import dev.npv.model.Direction;
import dev.npv.model.LabelSelector;
import dev.npv.model.Namespace;
import dev.npv.model.Peer;
import dev.npv.model.Policy;
import dev.npv.model.Protocol;
import dev.npv.model.SelectorOperator;
import dev.npv.model.Workload;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One focused test per semantic rule of networking.k8s.io/v1 NetworkPolicy, each with a control
 * case so that it fails if the rule is implemented wrongly in either direction.
 */
class ReferenceEvaluatorSemanticsTest {
  static final Namespace NS_A = ns("a", "team", "x");
  static final Namespace NS_B = ns("b", "team", "y");
  static final Workload WEB = pod("a", "web", "app", "web");
  static final Workload DB = pod("a", "db", "app", "db");
  static final Workload CLIENT_B = pod("b", "client", "app", "client");

  static Cluster cluster(List<Workload> workloads, Policy... policies) {
    return Cluster.of(List.of(NS_A, NS_B), workloads, List.of(policies));
  }

  static boolean allowed(Cluster c, Endpoint src, Endpoint dst, Protocol p, int port) {
    return new ReferenceEvaluator(c, EvaluatorOptions.DEFAULT).decide(new Connection(src, dst, p, port)).allowed();
  }

  static boolean allowed(Cluster c, Workload src, Workload dst, int tcpPort) {
    return allowed(c, ep(c, src), ep(c, dst), Protocol.TCP, tcpPort);
  }

  static ReferenceEvaluator eval(Cluster c) {
    return new ReferenceEvaluator(c, EvaluatorOptions.DEFAULT);
  }

  @Nested
  class Isolation {
    @Test
    void noPoliciesAllowsEverything() {
      Cluster c = cluster(List.of(WEB, DB, CLIENT_B));
      assertTrue(allowed(c, CLIENT_B, WEB, 80));
      assertTrue(allowed(c, ep(c, WEB), ext("8.8.8.8"), Protocol.UDP, 53));
    }

    @Test
    void ingressIsolationOnlyAffectsIngress() {
      Policy denyIngress = policy("a", "deny").select(sel("app", "web")).types(Direction.INGRESS).build();
      Cluster c = cluster(List.of(WEB, DB), denyIngress);
      assertFalse(allowed(c, DB, WEB, 80), "web is isolated for ingress");
      assertTrue(allowed(c, WEB, DB, 80), "web is not isolated for egress, db not for ingress");
      assertTrue(eval(c).isolatingPolicies(ep(c, WEB), Direction.EGRESS).isEmpty());
      assertEquals(1, eval(c).isolatingPolicies(ep(c, WEB), Direction.INGRESS).size());
    }

    @Test
    void egressIsolationOnlyAffectsEgress() {
      Policy denyEgress = policy("a", "deny").select(sel("app", "web")).types(Direction.EGRESS).build();
      Cluster c = cluster(List.of(WEB, DB), denyEgress);
      assertFalse(allowed(c, WEB, DB, 80));
      assertTrue(allowed(c, DB, WEB, 80));
    }

    @Test
    void rulesOfADirectionNotInPolicyTypesAreIgnored() {
      // policyTypes [Egress] with ingress rules: the ingress rules neither isolate nor allow.
      Policy p = policy("a", "p").select(sel("app", "web")).types(Direction.EGRESS)
          .ingress(ports(tcp(80))).egress(ports(tcp(443))).build();
      Cluster c = cluster(List.of(WEB, DB), p);
      assertTrue(allowed(c, DB, WEB, 81), "web is not isolated for ingress");
      assertTrue(allowed(c, WEB, DB, 443));
      assertFalse(allowed(c, WEB, DB, 80));
    }

    @Test
    void onlyPoliciesInThePodsOwnNamespaceIsolateIt() {
      // A policy in namespace b selecting app=web does not isolate a/web.
      Policy other = policy("b", "deny").select(sel("app", "web")).types(Direction.INGRESS).build();
      Cluster c = cluster(List.of(WEB, DB, pod("b", "web", "app", "web")), other);
      assertTrue(allowed(c, DB, WEB, 80));
      assertFalse(allowed(c, DB, pod("b", "web", "app", "web"), 80));
    }

    @Test
    void policySelectingOtherPodsDoesNotIsolate() {
      Policy p = policy("a", "deny-db").select(sel("app", "db")).types(Direction.INGRESS).build();
      Cluster c = cluster(List.of(WEB, DB), p);
      assertTrue(allowed(c, DB, WEB, 80));
      assertFalse(allowed(c, WEB, DB, 80));
    }

    @Test
    void policiesAreAdditive() {
      Policy allow80 = policy("a", "p80").select(sel("app", "web")).ingress(ports(tcp(80))).build();
      Policy allow443 = policy("a", "p443").select(sel("app", "web")).ingress(ports(tcp(443))).build();
      Policy deny = policy("a", "deny").select(LabelSelector.ALL).types(Direction.INGRESS).build();
      Cluster c = cluster(List.of(WEB, DB), allow80, allow443, deny);
      assertTrue(allowed(c, DB, WEB, 80));
      assertTrue(allowed(c, DB, WEB, 443), "a later deny-all does not take away what another policy allows");
      assertFalse(allowed(c, DB, WEB, 8080));
      ConnectionDecision d = eval(c).decide(new Connection(ep(c, DB), ep(c, WEB), Protocol.TCP, 443));
      assertEquals(3, d.ingress().isolating().size());
      assertEquals(1, d.ingress().allowedBy().size());
    }
  }

  @Nested
  class BothSides {
    @Test
    void podToPodNeedsSourceEgressAndDestinationIngress() {
      Policy webEgress = policy("a", "web-egress").select(sel("app", "web")).types(Direction.EGRESS)
          .egress(ports(tcp(5432))).build();
      Policy dbIngress = policy("a", "db-ingress").select(sel("app", "db")).ingress(ports(tcp(5432), tcp(22)))
          .build();
      Cluster c = cluster(List.of(WEB, DB), webEgress, dbIngress);
      assertTrue(allowed(c, WEB, DB, 5432));
      assertFalse(allowed(c, WEB, DB, 22), "ingress allows 22 but egress does not");
      Policy dbIngressOnly22 = policy("a", "db-ingress").select(sel("app", "db")).ingress(ports(tcp(22))).build();
      Cluster c2 = cluster(List.of(WEB, DB), webEgress, dbIngressOnly22);
      assertFalse(allowed(c2, WEB, DB, 5432), "egress allows 5432 but ingress does not");
    }

    @Test
    void podToExternalNeedsOnlyThePodSide() {
      Policy egress = policy("a", "e").select(sel("app", "web")).types(Direction.EGRESS)
          .egress(rule(List.of(ipPeer("0.0.0.0/0")), List.of(udp(53)))).build();
      Cluster c = cluster(List.of(WEB), egress);
      assertTrue(allowed(c, ep(c, WEB), ext("8.8.8.8"), Protocol.UDP, 53));
      assertFalse(allowed(c, ep(c, WEB), ext("8.8.8.8"), Protocol.UDP, 54));
      ConnectionDecision d = eval(c).decide(new Connection(ep(c, WEB), ext("8.8.8.8"), Protocol.UDP, 53));
      assertFalse(d.ingress().governed());
      assertTrue(d.ingress().allowed());
    }

    @Test
    void externalToPodNeedsOnlyThePodSide() {
      Policy ingress = policy("a", "i").select(sel("app", "web"))
          .ingress(rule(List.of(ipPeer("192.168.0.0/16")), List.of())).build();
      Cluster c = cluster(List.of(WEB), ingress);
      assertTrue(allowed(c, ext("192.168.1.1"), ep(c, WEB), Protocol.TCP, 80));
      assertFalse(allowed(c, ext("10.1.1.1"), ep(c, WEB), Protocol.TCP, 80));
    }
  }

  @Nested
  class Rules {
    @Test
    void ruleWithoutPeersMatchesAllPeers() {
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(ports(tcp(80))).build();
      Cluster c = cluster(List.of(WEB, DB, CLIENT_B), p);
      assertTrue(allowed(c, DB, WEB, 80));
      assertTrue(allowed(c, CLIENT_B, WEB, 80));
      assertTrue(allowed(c, ext("1.2.3.4"), ep(c, WEB), Protocol.TCP, 80));
      assertFalse(allowed(c, CLIENT_B, WEB, 81));
    }

    @Test
    void ruleWithoutPortsMatchesAllPortsAndProtocols() {
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(from(podPeer(sel("app", "db")))).build();
      Cluster c = cluster(List.of(WEB, DB, CLIENT_B), p);
      for (Protocol proto : Protocol.values()) {
        assertTrue(allowed(c, ep(c, DB), ep(c, WEB), proto, 1));
        assertTrue(allowed(c, ep(c, DB), ep(c, WEB), proto, 65535));
      }
      assertFalse(allowed(c, CLIENT_B, WEB, 80));
    }

    @Test
    void emptyIngressListAllowsNothing() {
      Policy p = policy("a", "p").select(sel("app", "web")).types(Direction.INGRESS).build();
      Cluster c = cluster(List.of(WEB, DB, CLIENT_B), p);
      assertFalse(allowed(c, DB, WEB, 80));
      assertFalse(allowed(c, ext("1.1.1.1"), ep(c, WEB), Protocol.UDP, 53));
      assertTrue(eval(c).allowedPorts(ep(c, DB), ep(c, WEB), Protocol.TCP).isEmpty());
    }

    @Test
    void emptyRuleAllowsEverything() {
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(allowAll()).build();
      Cluster c = cluster(List.of(WEB, CLIENT_B), p);
      assertTrue(allowed(c, ep(c, CLIENT_B), ep(c, WEB), Protocol.SCTP, 9));
      assertTrue(allowed(c, ext("2001:db8::1"), ep(c, WEB), Protocol.UDP, 53));
    }
  }

  @Nested
  class Peers {
    @Test
    void podSelectorOnlyPeerMeansPodsOfThePolicysNamespace() {
      Workload clientA = pod("a", "client", "app", "client");
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(from(podPeer(sel("app", "client")))).build();
      Cluster c = cluster(List.of(WEB, clientA, CLIENT_B), p);
      assertTrue(allowed(c, clientA, WEB, 80));
      assertFalse(allowed(c, CLIENT_B, WEB, 80), "same labels, other namespace");
    }

    @Test
    void namespaceSelectorOnlyPeerMeansAllPodsOfMatchingNamespaces() {
      Workload other = pod("b", "other", "app", "other");
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(from(nsPeer(sel("team", "y")))).build();
      Cluster c = cluster(List.of(WEB, DB, CLIENT_B, other), p);
      assertTrue(allowed(c, CLIENT_B, WEB, 80));
      assertTrue(allowed(c, other, WEB, 80));
      assertFalse(allowed(c, DB, WEB, 80), "namespace a does not match team=y");
    }

    @Test
    void bothSelectorsInOnePeerAreAnded() {
      Workload otherB = pod("b", "other", "app", "other");
      Workload clientA = pod("a", "client", "app", "client");
      Policy p = policy("a", "p").select(sel("app", "web"))
          .ingress(from(nsPodPeer(sel("team", "y"), sel("app", "client")))).build();
      Cluster c = cluster(List.of(WEB, CLIENT_B, otherB, clientA), p);
      assertTrue(allowed(c, CLIENT_B, WEB, 80));
      assertFalse(allowed(c, otherB, WEB, 80), "namespace matches, pod does not");
      assertFalse(allowed(c, clientA, WEB, 80), "pod matches, namespace does not");
    }

    @Test
    void separatePeersAreOred() {
      Workload otherB = pod("b", "other", "app", "other");
      Workload clientA = pod("a", "client", "app", "client");
      Workload lonely = pod("a", "lonely", "app", "lonely");
      Policy p = policy("a", "p").select(sel("app", "web"))
          .ingress(from(nsPeer(sel("team", "y")), podPeer(sel("app", "client")))).build();
      Cluster c = cluster(List.of(WEB, CLIENT_B, otherB, clientA, lonely), p);
      assertTrue(allowed(c, otherB, WEB, 80));
      assertTrue(allowed(c, clientA, WEB, 80));
      assertFalse(allowed(c, lonely, WEB, 80));
    }

    @Test
    void emptyNamespaceSelectorMeansAllNamespaces() {
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(from(nsPeer(LabelSelector.ALL))).build();
      Cluster c = cluster(List.of(WEB, DB, CLIENT_B), p);
      assertTrue(allowed(c, CLIENT_B, WEB, 80));
      assertTrue(allowed(c, DB, WEB, 80));
      assertFalse(allowed(c, ext("1.2.3.4"), ep(c, WEB), Protocol.TCP, 80), "selectors never match addresses");
    }

    @Test
    void emptyPodSelectorPeerMeansAllPodsOfThePolicysNamespace() {
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(from(podPeer(LabelSelector.ALL))).build();
      Cluster c = cluster(List.of(WEB, DB, CLIENT_B), p);
      assertTrue(allowed(c, DB, WEB, 80));
      assertFalse(allowed(c, CLIENT_B, WEB, 80));
    }

    @Test
    void emptyPolicyPodSelectorSelectsAllPodsOfItsNamespace() {
      Policy p = policy("a", "deny").select(LabelSelector.ALL).types(Direction.INGRESS).build();
      Cluster c = cluster(List.of(WEB, DB, CLIENT_B), p);
      assertFalse(allowed(c, CLIENT_B, WEB, 80));
      assertFalse(allowed(c, CLIENT_B, DB, 80));
      assertTrue(allowed(c, WEB, CLIENT_B, 80));
    }
  }

  @Nested
  class Selectors {
    Cluster withSelector(LabelSelector peerSelector, Workload... clients) {
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(from(podPeer(peerSelector))).build();
      List<Workload> ws = new ArrayList<>(List.of(clients));
      ws.add(WEB);
      return cluster(ws, p);
    }

    @Test
    void matchLabelsAndMatchExpressionsAreAnded() {
      Workload both = pod("a", "both", "role", "client", "tier", "front");
      Workload labelOnly = pod("a", "label-only", "role", "client", "tier", "back");
      Workload exprOnly = pod("a", "expr-only", "role", "other", "tier", "front");
      LabelSelector s = sel(labels("role", "client"), req("tier", SelectorOperator.In, "front"));
      Cluster c = withSelector(s, both, labelOnly, exprOnly);
      assertTrue(allowed(c, both, WEB, 80));
      assertFalse(allowed(c, labelOnly, WEB, 80));
      assertFalse(allowed(c, exprOnly, WEB, 80));
    }

    @Test
    void matchLabelsNeedsEveryLabel() {
      Workload one = pod("a", "one", "role", "client");
      Workload two = pod("a", "two", "role", "client", "env", "prod");
      Cluster c = withSelector(sel("role", "client", "env", "prod"), one, two);
      assertFalse(allowed(c, one, WEB, 80));
      assertTrue(allowed(c, two, WEB, 80));
    }

    @Test
    void inOperator() {
      Workload x = pod("a", "x", "env", "prod");
      Workload y = pod("a", "y", "env", "dev");
      Workload none = pod("a", "none");
      Cluster c = withSelector(sel(labels(), req("env", SelectorOperator.In, "prod", "staging")), x, y, none);
      assertTrue(allowed(c, x, WEB, 80));
      assertFalse(allowed(c, y, WEB, 80));
      assertFalse(allowed(c, none, WEB, 80), "In needs the key");
    }

    @Test
    void notInOperatorMatchesPodsWithoutTheKey() {
      Workload x = pod("a", "x", "env", "prod");
      Workload y = pod("a", "y", "env", "dev");
      Workload none = pod("a", "none");
      Cluster c = withSelector(sel(labels(), req("env", SelectorOperator.NotIn, "prod")), x, y, none);
      assertFalse(allowed(c, x, WEB, 80));
      assertTrue(allowed(c, y, WEB, 80));
      assertTrue(allowed(c, none, WEB, 80), "NotIn matches pods lacking the key");
    }

    @Test
    void existsOperator() {
      Workload x = pod("a", "x", "env", "");
      Workload none = pod("a", "none", "other", "1");
      Cluster c = withSelector(sel(labels(), req("env", SelectorOperator.Exists)), x, none);
      assertTrue(allowed(c, x, WEB, 80), "Exists matches an empty value");
      assertFalse(allowed(c, none, WEB, 80));
    }

    @Test
    void doesNotExistOperatorMatchesPodsWithoutTheKey() {
      Workload x = pod("a", "x", "env", "prod");
      Workload none = pod("a", "none", "other", "1");
      Cluster c = withSelector(sel(labels(), req("env", SelectorOperator.DoesNotExist)), x, none);
      assertFalse(allowed(c, x, WEB, 80));
      assertTrue(allowed(c, none, WEB, 80));
    }

    @Test
    void namespaceSelectorExpressionsUseNamespaceLabels() {
      Policy p = policy("a", "p").select(sel("app", "web"))
          .ingress(from(nsPeer(sel(labels(), req("team", SelectorOperator.NotIn, "x"))))).build();
      Cluster c = cluster(List.of(WEB, DB, CLIENT_B), p);
      assertTrue(allowed(c, CLIENT_B, WEB, 80));
      assertFalse(allowed(c, DB, WEB, 80));
    }

    @Test
    void namespaceNameLabelCanBeSelected() {
      Policy p = policy("a", "p").select(sel("app", "web"))
          .ingress(from(nsPeer(sel(Namespace.NAME_LABEL, "b")))).build();
      Cluster c = cluster(List.of(WEB, DB, CLIENT_B), p);
      assertTrue(allowed(c, CLIENT_B, WEB, 80));
      assertFalse(allowed(c, DB, WEB, 80));
    }
  }

  @Nested
  class Ports {
    @Test
    void protocolOnlyPortEntryAllowsAllPortsOfThatProtocolOnly() {
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(ports(anyPort(Protocol.UDP))).build();
      Cluster c = cluster(List.of(WEB, DB), p);
      assertTrue(allowed(c, ep(c, DB), ep(c, WEB), Protocol.UDP, 1));
      assertTrue(allowed(c, ep(c, DB), ep(c, WEB), Protocol.UDP, 65535));
      assertFalse(allowed(c, ep(c, DB), ep(c, WEB), Protocol.TCP, 53));
      assertFalse(allowed(c, ep(c, DB), ep(c, WEB), Protocol.SCTP, 53));
    }

    @Test
    void singlePortAllowsOnlyThatPortAndProtocol() {
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(ports(tcp(80))).build();
      Cluster c = cluster(List.of(WEB, DB), p);
      assertTrue(allowed(c, DB, WEB, 80));
      assertFalse(allowed(c, DB, WEB, 81));
      assertFalse(allowed(c, ep(c, DB), ep(c, WEB), Protocol.UDP, 80));
    }

    @Test
    void endPortRangeIsInclusiveAtBothEnds() {
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(ports(range(Protocol.TCP, 8000, 8080))).build();
      Cluster c = cluster(List.of(WEB, DB), p);
      assertFalse(allowed(c, DB, WEB, 7999));
      assertTrue(allowed(c, DB, WEB, 8000));
      assertTrue(allowed(c, DB, WEB, 8040));
      assertTrue(allowed(c, DB, WEB, 8080));
      assertFalse(allowed(c, DB, WEB, 8081));
      assertEquals(ImmutableRangeSet.of(Range.closed(8000, 8080)),
          eval(c).allowedPorts(ep(c, DB), ep(c, WEB), Protocol.TCP));
    }

    @Test
    void namedPortInIngressResolvesOnTheSelectedPod() {
      Workload web = withPorts(WEB, containerPort("http", 8080, Protocol.TCP));
      Workload db = withPorts(DB, containerPort("http", 9090, Protocol.TCP));
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(ports(named(Protocol.TCP, "http"))).build();
      Cluster c = cluster(List.of(web, db), p);
      assertTrue(allowed(c, db, web, 8080));
      assertFalse(allowed(c, db, web, 9090), "the source's port named http is irrelevant");
    }

    @Test
    void namedPortInEgressResolvesOnThePeerPod() {
      Workload web = withPorts(WEB, containerPort("db", 1111, Protocol.TCP));
      Workload db = withPorts(DB, containerPort("db", 5432, Protocol.TCP));
      Policy p = policy("a", "p").select(sel("app", "web")).types(Direction.EGRESS)
          .egress(ports(named(Protocol.TCP, "db"))).build();
      Cluster c = cluster(List.of(web, db), p);
      assertTrue(allowed(c, web, db, 5432));
      assertFalse(allowed(c, web, db, 1111), "the selected (source) pod's port named db is irrelevant");
    }

    @Test
    void namedPortNeverMatchesAnExternalAddress() {
      Workload web = withPorts(WEB, containerPort("dns", 53, Protocol.UDP));
      Policy p = policy("a", "p").select(sel("app", "web")).types(Direction.EGRESS)
          .egress(ports(named(Protocol.UDP, "dns"))).build();
      Cluster c = cluster(List.of(web), p);
      assertFalse(allowed(c, ep(c, web), ext("8.8.8.8"), Protocol.UDP, 53));
      assertTrue(eval(c).allowedPorts(ep(c, web), ext("8.8.8.8"), Protocol.UDP).isEmpty());
    }

    @Test
    void namedPortNeedsTheSameProtocol() {
      Workload web = withPorts(WEB, containerPort("dns", 53, Protocol.UDP));
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(ports(named(Protocol.TCP, "dns"))).build();
      Cluster c = cluster(List.of(web, DB), p);
      assertFalse(allowed(c, ep(c, DB), ep(c, web), Protocol.TCP, 53));
      assertFalse(allowed(c, ep(c, DB), ep(c, web), Protocol.UDP, 53));
      Policy udp = policy("a", "p").select(sel("app", "web")).ingress(ports(named(Protocol.UDP, "dns"))).build();
      Cluster c2 = cluster(List.of(web, DB), udp);
      assertTrue(allowed(c2, ep(c2, DB), ep(c2, web), Protocol.UDP, 53));
    }

    @Test
    void namedPortMissingOnDestinationMatchesNothing() {
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(ports(named(Protocol.TCP, "http"))).build();
      Cluster c = cluster(List.of(WEB, DB), p);
      assertTrue(eval(c).allowedPorts(ep(c, DB), ep(c, WEB), Protocol.TCP).isEmpty());
    }
  }

  @Nested
  class IpBlocks {
    Cluster egressTo(Workload w, Peer peer) {
      Policy p = policy("a", "p").select(sel("app", "web")).types(Direction.EGRESS)
          .egress(from(peer)).build();
      return cluster(List.of(w, DB, CLIENT_B), p);
    }

    @Test
    void ipv4BlockWithExcept() {
      Cluster c = egressTo(WEB, ipPeer("10.0.0.0/8", "10.1.0.0/16", "10.2.3.4/32"));
      Endpoint web = ep(c, WEB);
      assertTrue(allowed(c, web, ext("10.0.0.0"), Protocol.TCP, 80));
      assertTrue(allowed(c, web, ext("10.255.255.255"), Protocol.TCP, 80));
      assertFalse(allowed(c, web, ext("10.1.2.3"), Protocol.TCP, 80));
      assertFalse(allowed(c, web, ext("10.2.3.4"), Protocol.TCP, 80));
      assertTrue(allowed(c, web, ext("10.2.3.5"), Protocol.TCP, 80));
      assertFalse(allowed(c, web, ext("11.0.0.0"), Protocol.TCP, 80));
      assertFalse(allowed(c, web, ext("9.255.255.255"), Protocol.TCP, 80));
    }

    @Test
    void ipv6BlockWithExcept() {
      Cluster c = egressTo(WEB, ipPeer("2001:db8::/32", "2001:db8:1::/48"));
      Endpoint web = ep(c, WEB);
      assertTrue(allowed(c, web, ext("2001:db8::1"), Protocol.TCP, 80));
      assertFalse(allowed(c, web, ext("2001:db8:1::1"), Protocol.TCP, 80));
      assertFalse(allowed(c, web, ext("2001:db9::1"), Protocol.TCP, 80));
    }

    @Test
    void ipv6BlockNeverMatchesIpv4Address() {
      Cluster c = egressTo(WEB, ipPeer("::/0"));
      Endpoint web = ep(c, WEB);
      assertTrue(allowed(c, web, ext("::1"), Protocol.TCP, 80));
      assertFalse(allowed(c, web, ext("1.2.3.4"), Protocol.TCP, 80));
      assertFalse(allowed(c, web, ext("0.0.0.0"), Protocol.TCP, 80));
      Cluster c4 = egressTo(WEB, ipPeer("0.0.0.0/0"));
      assertFalse(allowed(c4, ep(c4, WEB), ext("::"), Protocol.TCP, 80), "and IPv4 never IPv6");
    }

    @Test
    void ipBlockMatchesPodIpsOnlyWhenTheOptionIsSet() {
      Workload db = withIps(DB, "10.0.0.5");
      Cluster c = egressTo(WEB, ipPeer("10.0.0.0/24"));
      Policy p = c.policies().get(0);
      Cluster cl = cluster(List.of(WEB, db), p);
      Connection conn = new Connection(ep(cl, WEB), ep(cl, db), Protocol.TCP, 80);
      assertTrue(new ReferenceEvaluator(cl, new EvaluatorOptions(true)).allows(conn));
      assertFalse(new ReferenceEvaluator(cl, new EvaluatorOptions(false)).allows(conn));
    }

    @Test
    void ipBlockNeverMatchesPodWithUnknownIp() {
      Cluster c = egressTo(WEB, ipPeer("0.0.0.0/0"));
      Connection conn = new Connection(ep(c, WEB), ep(c, DB), Protocol.TCP, 80);
      assertFalse(new ReferenceEvaluator(c, new EvaluatorOptions(true)).allows(conn));
    }

    @Test
    void ipBlockExceptAppliesToPodIps() {
      Workload db = withIps(DB, "10.0.0.5");
      Workload other = withIps(pod("a", "other"), "10.0.0.6");
      Policy p = policy("a", "p").select(sel("app", "web")).types(Direction.EGRESS)
          .egress(from(ipPeer("10.0.0.0/24", "10.0.0.5/32"))).build();
      Cluster c = cluster(List.of(WEB, db, other), p);
      assertFalse(allowed(c, WEB, db, 80));
      assertTrue(allowed(c, WEB, other, 80));
    }
  }

  @Nested
  class HostNetwork {
    @Test
    void hostNetworkPodsAreNeverSelectedByPolicies() {
      Workload node = hostNetwork(pod("a", "node-agent", "app", "web"));
      Policy deny = policy("a", "deny").select(LabelSelector.ALL).types(Direction.INGRESS, Direction.EGRESS).build();
      Cluster c = cluster(List.of(node, CLIENT_B), deny);
      assertTrue(allowed(c, CLIENT_B, node, 80));
      assertTrue(eval(c).isolatingPolicies(ep(c, node), Direction.INGRESS).isEmpty());
      Workload normal = pod("a", "normal", "app", "web");
      Cluster c2 = cluster(List.of(normal, CLIENT_B), deny);
      assertFalse(allowed(c2, CLIENT_B, normal, 80), "control: the same pod without hostNetwork is isolated");
    }

    @Test
    void hostNetworkPodsAreNeverMatchedByPeerSelectors() {
      Workload node = hostNetwork(pod("a", "node-agent", "app", "client"));
      Workload normal = pod("a", "normal", "app", "client");
      Policy p = policy("a", "p").select(sel("app", "web")).ingress(from(podPeer(sel("app", "client")))).build();
      Cluster c = cluster(List.of(WEB, node, normal), p);
      assertFalse(allowed(c, node, WEB, 80));
      assertTrue(allowed(c, normal, WEB, 80));
      Policy all = policy("a", "p").select(sel("app", "web")).ingress(from(nsPeer(LabelSelector.ALL))).build();
      Cluster c2 = cluster(List.of(WEB, node), all);
      assertFalse(allowed(c2, node, WEB, 80));
    }
  }

  @Test
  void decideAgreesWithAllowedPorts() {
    Workload web = withPorts(WEB, containerPort("http", 8080, Protocol.TCP));
    Policy p = policy("a", "p").select(sel("app", "web"))
        .ingress(rule(List.of(podPeer(sel("app", "db"))), List.of(tcp(80), range(Protocol.TCP, 9000, 9010),
            named(Protocol.TCP, "http"), anyPort(Protocol.SCTP)))).build();
    Cluster c = cluster(List.of(web, DB), p);
    ReferenceEvaluator e = eval(c);
    for (Protocol proto : Protocol.values()) {
      var ports = e.allowedPorts(ep(c, DB), ep(c, web), proto);
      for (int port : new int[] {1, 79, 80, 81, 8080, 8999, 9000, 9005, 9010, 9011, 65535}) {
        assertEquals(ports.contains(port),
            e.decide(new Connection(ep(c, DB), ep(c, web), proto, port)).allowed(), proto + "/" + port);
      }
    }
    assertTrue(e.allowedPorts(ep(c, DB), ep(c, web), Protocol.TCP).contains(8080));
    assertFalse(e.allowedPorts(ep(c, DB), ep(c, web), Protocol.UDP).contains(80));
  }
}
