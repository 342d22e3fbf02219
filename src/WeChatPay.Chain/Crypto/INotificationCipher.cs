namespace WeChatPay.Chain.Crypto;

/// <summary>Decrypts the resources of notifications and certificate answers under the merchant's APIv3 key; one algorithm each.</summary>
internal interface INotificationCipher
{
    /// <summary>The name WeChat Pay gives the algorithm in a resource's <c>algorithm</c> field.</summary>
    string Algorithm { get; }

    /// <summary>Decrypts Base64 ciphertext with its nonce and associated data.</summary>
    /// <exception cref="DecryptionException">It does not decrypt.</exception>
    string Decrypt(string nonce, string associatedData, string ciphertext);
}
