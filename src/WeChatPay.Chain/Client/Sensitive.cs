using Newtonsoft.Json;

namespace WeChatPay.Chain.Client;

/// <summary>
/// A sensitive field value (a name, an ID number, a phone number) to be encrypted for WeChat Pay. Put it in the
/// <c>json</c> option — <c>json = new { name = new Sensitive("张三") }</c> — and the client encrypts it with WeChat Pay's
/// current key (RSAES-OAEP, SHA-1) while serialising and adds the <c>Wechatpay-Serial</c> header naming that key.
/// The plaintext never appears in <see cref="ToString"/>.
/// </summary>
[JsonConverter(typeof(SensitiveJsonConverter))]
public sealed class Sensitive
{
    /// <summary>Wraps a plaintext value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="plaintext"/> is null.</exception>
    public Sensitive(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        Plaintext = plaintext;
    }

    internal string Plaintext { get; }

    /// <summary>Never the plaintext.</summary>
    public override string ToString() => "Sensitive(***)";
}
