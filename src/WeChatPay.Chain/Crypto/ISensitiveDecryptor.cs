namespace WeChatPay.Chain.Crypto;

/// <summary>Decrypts sensitive fields WeChat Pay encrypted for the merchant.</summary>
internal interface ISensitiveDecryptor
{
    /// <summary>The plaintext of Base64 <paramref name="ciphertext"/>.</summary>
    /// <exception cref="DecryptionException">It was not encrypted for this merchant's key.</exception>
    string Decrypt(string ciphertext);
}
