using FsCheck;
using FsCheck.Fluent;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.PropertyTests.Support;

namespace WeChatPay.Chain.PropertyTests;

/// <summary><see cref="AuthorizationHeader.TryParse"/> of any text answers true or false, never throws, and what it accepts round-trips.</summary>
public class AuthorizationHeaderProperties
{
    private static readonly string[] Names = ["mchid", "nonce_str", "timestamp", "serial_no", "signature", "other", "", "mchid "];

    private static readonly Gen<string> Parameter =
        from name in Gen.Elements(Names)
        from value in Gen.OneOf(Text.Ascii(12), Text.From("a\",= ", 6))
        from quoted in Gen.Frequency((8, Gen.Constant(true)), (1, Gen.Constant(false)))
        select quoted ? $"{name}=\"{value}\"" : $"{name}={value}";

    private static readonly Gen<string> Headers = Gen.OneOf(
        Text.Any(),
        from scheme in Gen.Frequency((8, Gen.Constant(AuthorizationHeader.Scheme + " ")), (1, Text.Ascii(30)))
        from count in Gen.Choose(0, 7)
        from parameters in Gen.ArrayOf(Parameter, count)
        from separator in Gen.Elements(",", ", ", " ,", ",,", " ")
        from tail in Gen.Elements("", " ", ",", "\"", "=")
        select scheme + string.Join(separator, parameters) + tail);

    [Test]
    public void Any_text_parses_or_is_refused_with_a_reason_and_accepted_headers_round_trip()
    {
        PropertyRun.ForAll(Headers, Cases.AuthorizationText, text =>
        {
            if (!AuthorizationHeader.TryParse(text, out var header, out var error))
            {
                Assert.That(error, Is.Not.Empty);
                return;
            }
            Assert.That(AuthorizationHeader.TryParse(header.ToString(), out var again, out _), Is.True, header.ToString());
            Assert.That(again, Is.EqualTo(header));
        });
    }
}
