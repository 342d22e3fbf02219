using Flurl;
using Flurl.Http;
using Flurl.Http.Content;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// One attempt of a call, as the Flurl request it is: built from the <see cref="OutgoingRequest"/>, signed before it is
/// sent, and carrying what the response step needs and what it finds — whether the call runs synchronously, its
/// deadline, the body read and any failure. Per attempt, so a repeated request is signed afresh.
/// </summary>
internal sealed class SignedRequest : FlurlRequest, ISignedMessageSource
{
    public SignedRequest(IFlurlClient client, OutgoingRequest outgoing, WeChatPayCall record, bool synchronous, CancellationToken deadline)
        : base(new Url(outgoing.Uri.OriginalString))
    {
        Client = client;
        Verb = outgoing.Method;
        Outgoing = outgoing;
        Record = record;
        Synchronous = synchronous;
        Deadline = deadline;
        // Per request, so that no change to the client's settings can follow a redirect, turn a status into Flurl's
        // exception or start a second clock: every status comes back to the response step, within the call's deadline.
        Settings.Redirects.Enabled = false;
        Settings.AllowedHttpStatusRange = "*";
        Settings.Timeout = null;
        // Named in lower case: Flurl lower-cases each name it copies, twice a call, which costs nothing for one that
        // already is. HTTP/1.1 writes these standard headers in their usual case all the same.
        Headers.AddOrReplace("accept", outgoing.Accept);
        Headers.AddOrReplace("user-agent", UserAgent.Value);
        foreach (var (name, value) in outgoing.Headers) Headers.AddOrReplace(name, value);
        if (outgoing.BodyText is { } text)
        {
            // Sent as its UTF-8, the bytes the signature covers; Flurl's assertions (WithRequestJson, WithRequestBody) read the text.
            Content = new CapturedStringContent(text, outgoing.ContentType);
        }
        else if (outgoing.Body is { } body)
        {
            Content = new ByteArrayContent(body);
            Content.Headers.TryAddWithoutValidation("Content-Type", outgoing.ContentType);
        }
    }

    /// <summary>What is sent.</summary>
    public OutgoingRequest Outgoing { get; }

    /// <summary>The record of the call this attempt belongs to.</summary>
    public WeChatPayCall Record { get; }

    /// <summary>Whether the call runs synchronously: the response step then reads and refreshes without awaiting.</summary>
    public bool Synchronous { get; }

    /// <summary>The call's deadline, joined with the caller's cancellation.</summary>
    public CancellationToken Deadline { get; }

    private string _signedTarget = "";
    private SentSignature _signature;

    /// <summary>Carries <paramref name="signature"/>, made for <paramref name="target"/>, in its <c>Authorization</c> header.</summary>
    public void Sign(string target, SentSignature signature)
    {
        (_signedTarget, _signature) = (target, signature);
        Headers.AddOrReplace("authorization", signature.Authorization); // lower case, as the headers above
    }

    /// <inheritdoc />
    public byte[] SignedMessage() => SignatureMessage.ForRequest(Verb.Method, _signedTarget, _signature.Timestamp, _signature.Nonce, Outgoing.SignedBytes());

    /// <summary>Whether the response step has run.</summary>
    public bool Checked { get; set; }

    /// <summary>The body the response step read; null when it left the body to stream.</summary>
    public byte[]? ResponseBody { get; set; }

    /// <summary>The fields of an APIv2 answer the response step read; null for APIv3 and for files.</summary>
    public IReadOnlyDictionary<string, string>? ApiV2Fields { get; set; }

    /// <summary>Why the response cannot be taken (a failed verification, a body too large or cut off); null when it can.</summary>
    public Exception? Failure { get; set; }
}
