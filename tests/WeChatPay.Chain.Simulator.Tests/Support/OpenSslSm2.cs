using System.Diagnostics;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>OpenSSL 3 as the independent judge of SM2-with-SM3 signatures (user id 1234567812345678).</summary>
public static class OpenSslSm2
{
    /// <summary>
    /// Whether <c>openssl pkeyutl -verify</c> accepts <paramref name="signature"/> (Base64 DER) over
    /// <paramref name="message"/> with the key of the certificate at <paramref name="certificatePath"/>.
    /// </summary>
    public static bool Verifies(string certificatePath, byte[] message, string signature)
    {
        using var key = new TempFile(OpenSsl.Run([], "x509", "-in", certificatePath, "-pubkey", "-noout"));
        using var signatureFile = new TempFile(Convert.FromBase64String(signature));
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "pkeyutl", "-verify", "-pubin", "-inkey", key.Path, "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-sigfile", signatureFile.Path })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(message);
        process.StandardInput.Close();
        Assert.That(process.WaitForExit(30_000), Is.True, "openssl pkeyutl -verify did not finish");
        return process.ExitCode == 0 && output.Result.Contains("Signature Verified Successfully", StringComparison.Ordinal);
    }
}
