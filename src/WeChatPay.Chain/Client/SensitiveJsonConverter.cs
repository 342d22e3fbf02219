using Newtonsoft.Json;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Client;

/// <summary>
/// Writes a <see cref="Sensitive"/> as its ciphertext under the key of the request being serialised. The key is handed
/// over through <see cref="Encrypting"/> for the duration of one (synchronous) serialisation on the current thread, so
/// one shared serializer serves every client.
/// </summary>
internal sealed class SensitiveJsonConverter : JsonConverter<Sensitive>
{
    [ThreadStatic] private static Encryption? _current;

    /// <summary>
    /// Serialises with the key <paramref name="encryptor"/> gives available to <see cref="Sensitive"/> values (looked up once,
    /// and only if one is met); returns the id of the key used, or null when there was no sensitive value.
    /// </summary>
    public static string? Encrypting(Func<ISensitiveEncryptor> encryptor, Action serialise)
    {
        var encryption = new Encryption(encryptor);
        _current = encryption;
        try
        {
            serialise();
        }
        finally
        {
            _current = null;
        }
        return encryption.UsedKeyId;
    }

    /// <inheritdoc />
    public override void WriteJson(JsonWriter writer, Sensitive? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }
        var encryption = _current ?? throw new JsonSerializationException(
            "A Sensitive value can only be serialised by WeChatPayClient while sending, which encrypts it; use client.Encrypt(…) to encrypt one yourself.");
        writer.WriteValue(encryption.Encryptor().Encrypt(value.Plaintext));
    }

    /// <inheritdoc />
    public override Sensitive ReadJson(JsonReader reader, Type objectType, Sensitive? existingValue, bool hasExistingValue, JsonSerializer serializer)
        => throw new JsonSerializationException("Sensitive values are written, not read: decrypt response fields with client.Decrypt(…).");

    private sealed class Encryption(Func<ISensitiveEncryptor> lookup)
    {
        private ISensitiveEncryptor? _encryptor;

        public string? UsedKeyId => _encryptor?.KeyId;

        /// <summary>The same key for every value of one body, so one <c>Wechatpay-Serial</c> names it.</summary>
        public ISensitiveEncryptor Encryptor() => _encryptor ??= lookup();
    }
}
