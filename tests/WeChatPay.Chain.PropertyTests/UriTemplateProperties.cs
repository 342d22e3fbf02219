using FsCheck;
using FsCheck.Fluent;
using WeChatPay.Chain.Chaining;
using WeChatPay.Chain.PropertyTests.Support;

namespace WeChatPay.Chain.PropertyTests;

/// <summary>Placeholder expansion keeps the template's shape whatever the values; any template text parses or is refused typed.</summary>
public class UriTemplateProperties
{
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>A template of literal segments and placeholders, with a value for each placeholder.</summary>
    private static readonly Gen<(string[] Segments, Dictionary<string, string> Values)> Templates =
        from count in Gen.Choose(1, 7)
        from kinds in Gen.ArrayOf(Gen.Elements(true, false), count)
        from literals in Gen.ArrayOf(Text.From("abcdefghijklmnopqrstuvwxyz0123456789-_", 12).Where(s => s.Length > 0), count)
        from values in Gen.ArrayOf(Text.NonEmpty().Where(v => v is not ("." or "..")), count)
        select (
            kinds.Select((placeholder, i) => placeholder ? $"{{p{i}}}" : literals[i]).ToArray(),
            kinds.Select((placeholder, i) => (placeholder, i)).Where(k => k.placeholder).ToDictionary(k => $"p{k.i}", k => values[k.i]));

    [Test]
    public void Placeholder_values_never_change_the_number_of_segments_and_decode_back()
    {
        PropertyRun.ForAll(Templates, Cases.TemplateExpansion, template =>
        {
            var path = new UriTemplate(string.Join('/', template.Segments)).Expand(name => template.Values.GetValueOrDefault(name));
            var segments = path.Split('/');

            Assert.That(segments, Has.Length.EqualTo(template.Segments.Length), path);
            for (var i = 0; i < segments.Length; i++)
            {
                if (!template.Segments[i].StartsWith('{'))
                {
                    Assert.That(segments[i], Is.EqualTo(template.Segments[i]), "literal text stays verbatim");
                    continue;
                }
                var value = template.Values[template.Segments[i].Trim('{', '}')];
                Assert.That(segments[i].IndexOfAny(['?', '#', '/', ' ', '\r', '\n', '\0']), Is.EqualTo(-1), segments[i]);
                Assert.That(segments[i].All(c => c < 127 && c > ' '), Is.True, segments[i]);
                Assert.That(segments[i], Is.Not.EqualTo(".").And.Not.EqualTo(".."));
                Assert.That(Uri.UnescapeDataString(segments[i]), Is.EqualTo(value), "decoding the segment gives back the value");
            }
        });
    }

    [Test]
    public void Expanded_paths_reach_the_wire_as_built()
    {
        var baseUri = "https://api.mch.weixin.qq.com/";
        PropertyRun.ForAll(Templates, Cases.TemplateOnTheWire, template =>
        {
            var path = new UriTemplate(string.Join('/', template.Segments)).Expand(name => template.Values.GetValueOrDefault(name));
            var uri = new Uri(baseUri + path, in Verbatim);
            Assert.That(uri.PathAndQuery, Is.EqualTo("/" + path), "System.Uri neither unescapes nor collapses a segment");
            Assert.That(uri.Query, Is.Empty);
            Assert.That(uri.Fragment, Is.Empty);
        });
    }

    [Test]
    public void Any_template_text_parses_or_is_refused_typed_and_never_yields_a_query_or_fragment()
    {
        var texts = Gen.OneOf(Text.Any(), Text.From("ab/{}?#%2Fx.", 24));
        PropertyRun.ForAll(texts, Cases.TemplateText, text =>
        {
            UriTemplate template;
            try
            {
                template = new UriTemplate(text);
            }
            catch (RequestOptionsException)
            {
                return;
            }
            string path;
            try
            {
                path = template.Expand(name => name.Length % 2 == 0 ? "v" : "a/b?c#d");
            }
            catch (RequestOptionsException)
            {
                return;
            }
            Assert.That(path.IndexOfAny(['?', '#', ' ', '\r', '\n']), Is.EqualTo(-1), path);
            Assert.That(path.All(c => c < 127 && c > ' '), Is.True, path);
        });
    }
}
