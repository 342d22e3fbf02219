using System.Reflection;
using NetArchTest.Rules;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// The library's folders are its namespaces and its layers, and the arrows point one way: a namespace uses only those
/// below it (Compatibility, the netstandard2.0 stand-ins, is below all and uses none), so no two use each other.
/// Checked in the compiled assembly of each build, so no reference slips through in either.
/// </summary>
public class ArchitectureTests
{
    private const string Root = "WeChatPay.Chain";

    /// <summary>Lowest first: each layer with the layers it may use.</summary>
    private static readonly (string Layer, string[] Below)[] Layers =
    [
        (Root, []),
        ("WeChatPay.Chain.Crypto", [Root]),
        ("WeChatPay.Chain.Protocol", [Root, "WeChatPay.Chain.Crypto"]),
        ("WeChatPay.Chain.Certificates", [Root, "WeChatPay.Chain.Crypto", "WeChatPay.Chain.Protocol"]),
        ("WeChatPay.Chain.Notifications", [Root, "WeChatPay.Chain.Crypto", "WeChatPay.Chain.Protocol", "WeChatPay.Chain.Certificates"]),
        ("WeChatPay.Chain.Chaining", [Root]),
        ("WeChatPay.Chain.Client", [Root, "WeChatPay.Chain.Crypto", "WeChatPay.Chain.Protocol", "WeChatPay.Chain.Certificates", "WeChatPay.Chain.Notifications", "WeChatPay.Chain.Chaining"]),
    ];

    private static readonly Assembly Library = typeof(WeChatPayClient).Assembly;

    private static IEnumerable<string> LayerNames => Layers.Select(layer => layer.Layer);

    [Test]
    public void Every_namespace_of_the_library_is_a_known_layer()
    {
        var namespaces = Library.GetTypes().Select(type => type.Namespace).Where(ns => ns?.StartsWith(Root, StringComparison.Ordinal) == true).Distinct();

        Assert.That(namespaces, Is.SubsetOf(LayerNames.Append("WeChatPay.Chain.Compatibility")));
    }

    [TestCaseSource(nameof(LayerNames))]
    public void A_layer_uses_only_the_layers_below_it(string layer)
    {
        var below = Layers.Single(entry => entry.Layer == layer).Below;
        var forbidden = LayerNames.Where(other => other != layer && !below.Contains(other)).Select(Types).SelectMany(names => names).ToArray();

        var result = NetArchTest.Rules.Types.InAssembly(Library).That().ResideInNamespaceMatching($"^{layer.Replace(".", "\\.")}$")
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.That(result.IsSuccessful, Is.True, $"{layer} uses a layer above it or beside it: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Test]
    public void No_two_namespaces_use_each_other()
    {
        var names = LayerNames.Append("WeChatPay.Chain.Compatibility").ToArray();
        var uses = names.ToDictionary(name => name, name => names.Where(other => other != name && Uses(name, other)).ToHashSet());

        var cycles = names.SelectMany(a => uses[a].Where(b => uses[b].Contains(a) && string.CompareOrdinal(a, b) < 0).Select(b => $"{a} ⇄ {b}")).ToList();

        Assert.That(cycles, Is.Empty);
        Assert.That(uses["WeChatPay.Chain.Client"], Does.Contain("WeChatPay.Chain.Protocol"), "the check sees real uses");
    }

    /// <summary>Whether a type of <paramref name="user"/> depends on a type of <paramref name="used"/>.</summary>
    private static bool Uses(string user, string used)
        => Types(used) is { Length: > 0 } targets && !NetArchTest.Rules.Types.InAssembly(Library).That().ResideInNamespaceMatching($"^{user.Replace(".", "\\.")}$")
            .ShouldNot().HaveDependencyOnAny(targets).GetResult().IsSuccessful;

    /// <summary>
    /// The full names of the types of exactly one namespace: a dependency on the root namespace is a dependency on one of
    /// its types, as the root's name is a prefix of every other's.
    /// </summary>
    private static string[] Types(string ns) => Library.GetTypes().Where(type => type.Namespace == ns && !type.IsNested && !type.Name.StartsWith('<')).Select(type => type.FullName!).ToArray();
}
