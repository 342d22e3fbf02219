using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WeChatPay.Chain.Simulator.Profiles;

/// <summary>Reads and writes the profile's small JSON files; writes go through a temporary file so a reader never sees half a file.</summary>
internal static class JsonFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string path, JsonNode node)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, node.ToJsonString(Indented) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    public static JsonObject Read(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new ConfigurationException($"{path} does not hold a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{path} is not valid JSON: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new ConfigurationException($"{path} cannot be read: {e.Message}", e);
        }
    }
}
