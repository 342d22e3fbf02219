using FsCheck;
using FsCheck.Fluent;
using WeChatPay.Chain.Chaining;
using WeChatPay.Chain.PropertyTests.Support;

namespace WeChatPay.Chain.PropertyTests;

/// <summary>Member names normalise to one lower-case segment, or to a placeholder, and nothing else.</summary>
public class PathSegmentProperties
{
    /// <summary>C# identifiers as they appear in <c>wx.V3.Payscore.SmartretailOrders._out_order_no_</c>.</summary>
    private static readonly Gen<string> Identifiers =
        from first in Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_".ToCharArray())
        from rest in Text.From("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_", 20)
        select first + rest;

    [Test]
    public void Member_names_become_one_lower_case_segment_or_a_placeholder()
    {
        PropertyRun.ForAll(Identifiers, Cases.MemberNames, name =>
        {
            var segment = PathSegment.FromMemberName(name);

            Assert.That(segment, Does.Not.Contain("/").And.Not.Contain("?").And.Not.Contain("#"));
            if (name.Length > 2 && name[0] == '_' && name[^1] == '_')
            {
                Assert.That(segment, Is.EqualTo("{" + name[1..^1] + "}"));
                return;
            }
            Assert.That(segment.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'), Is.True, segment);
            Assert.That(segment.Replace("-", ""), Is.EqualTo(name.ToLowerInvariant()), "only dashes are added, before capitals");
            Assert.That(segment, Does.Not.StartWith("-"));
            Assert.That(segment.Count(c => c == '-'), Is.EqualTo(name.Skip(1).Count(char.IsAsciiLetterUpper)));
        });
    }
}
