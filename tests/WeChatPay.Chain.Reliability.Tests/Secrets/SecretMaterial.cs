using System.Collections.Concurrent;

namespace WeChatPay.Chain.Reliability.Tests.Secrets;

/// <summary>
/// What must never be shown: private keys (any 24 characters of their PEM body), the APIv3 key, and every signature
/// made during the test — requests, responses, notifications — whole or any 32 characters of it.
/// </summary>
internal sealed class SecretMaterial
{
    private const int KeyFragment = 24;
    private const int SignatureFragment = 32;
    private readonly List<(string Name, string Text)> _fixed = [];
    private readonly ConcurrentDictionary<string, string> _signatures = new();

    /// <summary>Adds the PEM body of a private key, as overlapping fragments, so that any line of it, or a long part of one, is caught.</summary>
    public void AddPrivateKey(string name, string pem)
    {
        var body = string.Concat(pem.Split('\n').Where(line => line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal)).Select(line => line.Trim()));
        for (var at = 0; at + KeyFragment <= body.Length; at += KeyFragment / 2)
            _fixed.Add(($"{name} (PEM body at {at})", body.Substring(at, KeyFragment)));
    }

    public void Add(string name, string secret) => _fixed.Add((name, secret));

    /// <summary>Records a signature seen on the wire; only one of an RSA-2048 signature's length counts.</summary>
    public void AddSignature(string where, string? signature)
    {
        if (signature is { Length: >= 300 }) _signatures.TryAdd(signature, where);
    }

    public int SignatureCount => _signatures.Count;

    public int KeyFragmentCount => _fixed.Count;

    /// <summary>The names of the secrets <paramref name="text"/> shows; empty when it shows none.</summary>
    public IEnumerable<string> FoundIn(string text)
    {
        foreach (var (name, secret) in _fixed)
            if (text.Contains(secret, StringComparison.Ordinal)) yield return name;
        foreach (var (signature, where) in _signatures)
            for (var at = 0; at + SignatureFragment <= signature.Length; at += SignatureFragment)
                if (text.Contains(signature.AsSpan(at, SignatureFragment), StringComparison.Ordinal))
                {
                    yield return $"a signature from {where}";
                    break;
                }
    }
}
