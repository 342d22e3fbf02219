using FsCheck;
using FsCheck.Fluent;
using WeChatPay.Chain.Chaining;
using WeChatPay.Chain.PropertyTests.Support;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.PropertyTests;

/// <summary>
/// Through the whole client: chained member names and placeholder values, and query values, reach the wire with one
/// segment per member and every value decoding back to itself.
/// </summary>
public class ClientPathProperties
{
    private static readonly Gen<string> Members = Text.From("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 10).Where(s => s.Length > 0 && !char.IsAsciiDigit(s[0]));

    private static readonly Gen<(string[] Members, string[] Values, string[] QueryValues)> Calls =
        from count in Gen.Choose(1, 6)
        from members in Gen.ArrayOf(Gen.Frequency((3, Members), (1, Gen.Constant("_id_"))), count)
        from values in Gen.ArrayOf(Text.NonEmpty(12).Where(v => v is not ("." or "..")), count)
        from queryCount in Gen.Choose(0, 3)
        from queryValues in Gen.ArrayOf(Text.Any(12), queryCount)
        // A first segment v2 makes an APIv2 call, whose body and answer are XML: the APIv2 tests cover those paths.
        where PathSegment.FromMemberName(members[0]) != "v2"
        select (members.Select((m, i) => m == "_id_" ? $"_v{i}_" : m).ToArray(), values, queryValues);

    [Test]
    public void Chained_paths_and_query_values_reach_the_wire_one_segment_and_one_value_each()
    {
        using var transport = new ScriptedHandler();
        using var client = new WeChatPayClient(TestKeys.ClientOptions(transport));

        PropertyRun.ForAll(Calls, Cases.ClientPaths, call =>
        {
            var node = client.Root;
            var options = new Dictionary<string, object?>();
            for (var i = 0; i < call.Members.Length; i++)
            {
                node = node.Member(call.Members[i]);
                if (call.Members[i].StartsWith('_')) options[$"v{i}"] = call.Values[i];
            }
            options["query"] = call.QueryValues.Select((v, i) => (v, i)).ToDictionary(q => $"q{q.i}", q => (object?)q.v);

            Assert.Throws<ApiException>(() => node.Get(options), "the transport answers 404");

            var target = transport.LastTarget!;
            var query = target.IndexOf('?');
            var path = query < 0 ? target : target[..query];
            var segments = path.Split('/')[1..];
            Assert.That(segments, Has.Length.EqualTo(call.Members.Length), target);
            for (var i = 0; i < segments.Length; i++)
            {
                var expected = call.Members[i].StartsWith('_') ? call.Values[i] : PathSegment.FromMemberName(call.Members[i]);
                Assert.That(Uri.UnescapeDataString(segments[i]), Is.EqualTo(expected), target);
            }
            var pairs = query < 0 ? [] : target[(query + 1)..].Split('&');
            Assert.That(pairs, Has.Length.EqualTo(call.QueryValues.Length), target);
            for (var i = 0; i < pairs.Length; i++)
                Assert.That(Uri.UnescapeDataString(pairs[i][(pairs[i].IndexOf('=') + 1)..]), Is.EqualTo(call.QueryValues[i]), target);
            Assert.That(target.IndexOf('#'), Is.EqualTo(-1));
        });
    }
}
