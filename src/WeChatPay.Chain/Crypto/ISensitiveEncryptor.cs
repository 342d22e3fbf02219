namespace WeChatPay.Chain.Crypto;

/// <summary>Encrypts sensitive fields for WeChat Pay with one of its keys.</summary>
internal interface ISensitiveEncryptor
{
    /// <summary>The id of the key, which the request's <c>Wechatpay-Serial</c> header names.</summary>
    string KeyId { get; }

    /// <summary>The Base64 ciphertext of <paramref name="plaintext"/>.</summary>
    /// <exception cref="RequestOptionsException">The value cannot be encrypted under the key; the message never quotes it.</exception>
    string Encrypt(string plaintext);
}
