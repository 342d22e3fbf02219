namespace WeChatPay.Chain;

/// <summary>
/// Ciphertext could not be decrypted: wrong APIv3 key or private key, tampered ciphertext or associated data,
/// or malformed Base64. The plaintext is never partially returned.
/// </summary>
public class DecryptionException : WeChatPayException
{
    /// <summary>Creates the exception with a message that names the likely cause.</summary>
    public DecryptionException(string message, Exception? innerException = null) : base(message, innerException) { }
}
