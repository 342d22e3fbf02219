namespace WeChatPay.Chain.Reliability.Tests.Secrets;

/// <summary>
/// Everything the provocations brought out: each exception, and each text a person might read — its message, its
/// <c>ToString()</c>, the response it carries, log lines, answers sent back, transcripts — labelled by where it came from.
/// </summary>
internal sealed class Evidence
{
    private readonly List<Exception> _exceptions = [];
    private readonly List<(string Where, string Text)> _texts = [];
    private readonly List<string> _didNotThrow = [];

    public IReadOnlyList<Exception> Exceptions => _exceptions;

    public IReadOnlyList<(string Where, string Text)> Texts => _texts;

    /// <summary>Provocations that were expected to throw and did not: each one is a hole in the coverage.</summary>
    public IReadOnlyList<string> DidNotThrow => _didNotThrow;

    public void Text(string where, string? text)
    {
        if (!string.IsNullOrEmpty(text)) _texts.Add((where, text));
    }

    public void Exception(string where, Exception exception)
    {
        _exceptions.Add(exception);
        Text(where + " Message", exception.Message);
        Text(where + " ToString()", exception.ToString());
        if (exception is WeChatPayException { Call: { } call }) Text(where + " Call", call.ToString());
        switch (exception)
        {
            case ApiException api:
                Text(where + " Response", api.Response.ToString());
                Text(where + " Response.Text", api.Response.Text);
                Text(where + " Detail", api.Detail?.ToString());
                break;
            case ResponseVerificationException verification:
                Text(where + " Response", verification.Response?.ToString());
                break;
        }
    }

    public void Throws(string where, Action provoke)
    {
        try
        {
            provoke();
            _didNotThrow.Add(where);
        }
        catch (Exception e)
        {
            Exception(where, e);
        }
    }

    public async Task ThrowsAsync(string where, Func<Task> provoke)
    {
        try
        {
            await provoke();
            _didNotThrow.Add(where);
        }
        catch (Exception e)
        {
            Exception(where, e);
        }
    }
}
