using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace WeChatPay.Chain.Reliability.Tests.Catalogue;

/// <summary>
/// The NUnit tests of a built assembly, read from its metadata without loading it: for each class and method carrying
/// <c>[Test]</c>, <c>[TestCase]</c> or <c>[TestCaseSource]</c>, the reason of its <c>[Ignore]</c>, if any.
/// </summary>
internal sealed class TestIndex
{
    private static readonly HashSet<string> TestAttributes = ["TestAttribute", "TestCaseAttribute", "TestCaseSourceAttribute", "TheoryAttribute"];

    private readonly Dictionary<(string Class, string Method), string?> _tests = [];

    private TestIndex()
    {
    }

    public IEnumerable<(string Class, string Method, string? IgnoreReason)> Tests => _tests.Select(t => (t.Key.Class, t.Key.Method, t.Value));

    public bool Has(string type, string method) => _tests.ContainsKey((type, method));

    /// <summary>The <c>[Ignore]</c> reason of a test; null when it runs.</summary>
    public string? IgnoreReason(string type, string method) => _tests.GetValueOrDefault((type, method));

    public static TestIndex Read(string assemblyPath)
    {
        var index = new TestIndex();
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            if (type.GetDeclaringType() is { IsNil: false }) continue;
            var typeName = reader.GetString(type.Name);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                var isTest = false;
                string? ignored = null;
                foreach (var attributeHandle in method.GetCustomAttributes())
                {
                    var attribute = reader.GetCustomAttribute(attributeHandle);
                    var name = AttributeName(reader, attribute);
                    if (TestAttributes.Contains(name)) isTest = true;
                    if (name == "IgnoreAttribute") ignored = FirstStringArgument(reader, attribute) ?? "";
                }
                if (isTest) index._tests[(typeName, reader.GetString(method.Name))] = ignored;
            }
        }
        return index;
    }

    private static string AttributeName(MetadataReader reader, CustomAttribute attribute) => attribute.Constructor.Kind switch
    {
        HandleKind.MemberReference => reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is { Kind: HandleKind.TypeReference } parent
            ? reader.GetString(reader.GetTypeReference((TypeReferenceHandle)parent).Name)
            : "",
        HandleKind.MethodDefinition => reader.GetString(reader.GetTypeDefinition(reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType()).Name),
        _ => "",
    };

    /// <summary>The first constructor argument when it is a string: prolog 0x0001, then a length-prefixed UTF-8 string.</summary>
    private static string? FirstStringArgument(MetadataReader reader, CustomAttribute attribute)
    {
        var blob = reader.GetBlobReader(attribute.Value);
        if (blob.Length < 3 || blob.ReadUInt16() != 1) return null;
        return blob.ReadSerializedString();
    }
}
