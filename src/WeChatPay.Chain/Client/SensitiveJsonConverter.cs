using Newtonsoft.Json;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Client;

/// <summary>
/// Writes a <see cref="Sensitive"/> as its ciphertext under the key of the request being serialised. The key is handed
/// over through <see cref="Serialise"/> for the duration of one (synchronous) serialisation on the current thread, so
/// one shared serializer serves every client.
/// </summary>
internal sealed class SensitiveJsonConverter : JsonConverter<Sensitive>
{
    // The key's lookup, and the key once looked up: the same for every value of one body, so one Wechatpay-Serial names it.
    [ThreadStatic] private static Func<ISensitiveEncryptor>? _lookup;
    [ThreadStatic] private static ISensitiveEncryptor? _used;

    /// <summary>
    /// Serialises <paramref name="value"/> with the key <paramref name="encryptor"/> gives available to <see cref="Sensitive"/>
    /// values (looked up once, and only if one is met).
    /// </summary>
    /// <returns>The text, and the id of the key used: null when there was no sensitive value.</returns>
    public static (string Text, string? KeyId) Serialise(object value, Func<object, string> serialise, Func<ISensitiveEncryptor> encryptor)
    {
        (_lookup, _used) = (encryptor, null);
        try
        {
            var text = serialise(value);
            return (text, _used?.KeyId);
        }
        finally
        {
            (_lookup, _used) = (null, null);
        }
    }

    /// <inheritdoc />
    public override void WriteJson(JsonWriter writer, Sensitive? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }
        var lookup = _lookup ?? throw new JsonSerializationException(
            "A Sensitive value can only be serialised by WeChatPayClient while sending, which encrypts it; use client.Encrypt(…) to encrypt one yourself.");
        writer.WriteValue((_used ??= lookup()).Encrypt(value.Plaintext));
    }

    /// <inheritdoc />
    public override Sensitive ReadJson(JsonReader reader, Type objectType, Sensitive? existingValue, bool hasExistingValue, JsonSerializer serializer)
        => throw new JsonSerializationException("Sensitive values are written, not read: decrypt response fields with client.Decrypt(…).");
}
