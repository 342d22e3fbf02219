using System.CommandLine;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Client;

namespace WeChatPay.Chain.Cli.Commands;

/// <summary>
/// <c>wxpay get|post|put|patch|delete PATH</c>: one signed call through the library, verified body to stdout (an APIv2
/// answer's fields as a JSON object).
/// </summary>
internal static class CallCommand
{
    public static Command Create(string verb, TextWriter stdout, Func<string, string?> environment)
    {
        var path = new Argument<string>("path") { Description = "The path, verbatim, e.g. v3/payscore/smartretail-orders or v3/pay/transactions/id/{transaction_id}." };
        var json = new Option<string?>("--json") { Description = "JSON body, or @file to read it from a file." };
        var query = new Option<string[]>("--query") { Description = "Query parameter name=value; repeatable, kept in order." };
        var param = new Option<string[]>("--param") { Description = "Placeholder value name=value for {name} in the path; repeatable." };
        var header = new Option<string[]>("--header") { Description = "Extra request header name=value; repeatable." };
        var xml = new Option<string[]>("--xml") { Description = "APIv2 field name=value for a v2/ path; repeatable, signed with the APIv2 key (profile.json's apiV2Key, else env WECHATPAY_APIV2_KEY)." };
        var security = new Option<bool>("--security") { Description = "APIv2 over mutual TLS, presenting the merchant certificate (profile.json's merchantCertificate, else env WECHATPAY_MERCHANT_CERT)." };
        var nonceless = new Option<bool>("--nonceless") { Description = "APIv2 without nonce_str, for the endpoints that take none." };
        var credentials = new CredentialFlags(environment);

        var command = new Command(verb, $"Send a signed {verb.ToUpperInvariant()} and print the verified JSON body. {Credentials.Precedence}") { path };
        foreach (var option in new Option[] { json, query, param, header, xml, security, nonceless }) command.Options.Add(option);
        credentials.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new JObject();
            if (parse.GetValue(json) is { } text) options["json"] = ReadJson(text);
            if (parse.GetValue(query) is { Length: > 0 } q) options["query"] = ToObject(KeyValueArguments.Parse(q, "--query"));
            if (parse.GetValue(header) is { Length: > 0 } h) options["headers"] = ToObject(KeyValueArguments.Parse(h, "--header"));
            foreach (var (name, value) in KeyValueArguments.Parse(parse.GetValue(param) ?? [], "--param")) options[name] = value;
            if (parse.GetValue(xml) is { Length: > 0 } fields) options["xml"] = ToObject(KeyValueArguments.Parse(fields, "--xml"));
            if (parse.GetValue(security)) options["security"] = true;
            if (parse.GetValue(nonceless)) options["nonceless"] = true;

            var target = parse.GetValue(path)!;
            RequirePlaceholderValues(target, options);
            using var client = new WeChatPayClient(credentials.Read(parse));
            var response = await client.SendAsync(new HttpMethod(verb.ToUpperInvariant()), target, options, cancellationToken);
            stdout.WriteLine(Pretty(response));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Every <c>{name}</c> of the path needs a <c>--param name=…</c>; said here in the command line's own terms, before
    /// the library would say it in C#'s.
    /// </summary>
    /// <exception cref="UsageException">A placeholder has no value.</exception>
    private static void RequirePlaceholderValues(string path, JObject options)
    {
        var missing = Placeholder.Matches(path).Select(match => match.Groups[1].Value).Where(name => options[name] is null).Distinct().ToList();
        if (missing.Count > 0)
            throw new UsageException($"The path '{path}' needs a value for {string.Join(", ", missing.Select(name => "{" + name + "}"))}: add {string.Join(" ", missing.Select(name => $"--param {name}=…"))}.");
    }

    private static readonly System.Text.RegularExpressions.Regex Placeholder = new(@"\{([^{}/]+)\}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static JToken ReadJson(string text)
    {
        if (text.StartsWith('@'))
        {
            var file = text[1..];
            if (string.IsNullOrWhiteSpace(file)) throw new UsageException("--json @ needs a file name after the @, as in --json @order.json.");
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new UsageException($"--json {text}: {e.Message}");
            }
        }
        try
        {
            return JToken.Parse(text);
        }
        catch (JsonException e)
        {
            throw new UsageException($"--json is not valid JSON: {e.Message}");
        }
    }

    private static JObject ToObject(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var o = new JObject();
        foreach (var (name, value) in pairs) o.Add(name, value);
        return o;
    }

    private static string Pretty(WeChatPayResponse response)
    {
        if (response.Body.Length == 0) return "";
        try
        {
            // An APIv2 answer: its fields, in order, as a JSON object.
            return new JObject(response.Xml.Select(f => new JProperty(f.Key, f.Value))).ToString(Formatting.Indented);
        }
        catch (ResponseFormatException)
        {
            // Not APIv2's XML: JSON, or text as it came.
        }
        try
        {
            return response.Json.ToString(Formatting.Indented);
        }
        catch (ResponseFormatException)
        {
            return response.Text;
        }
    }
}
