namespace WeChatPay.Chain.Tests;

/// <summary>One <c>catch (WeChatPayException)</c> covers the library: no public exception type stands outside it.</summary>
public class ExceptionHierarchyTests
{
    private static readonly Type[] PublicExceptionTypes = [.. typeof(WeChatPayException).Assembly.GetExportedTypes().Where(t => typeof(Exception).IsAssignableFrom(t))];

    [Test]
    public void Every_public_exception_type_of_the_library_derives_from_WeChatPayException()
    {
        Assert.That(PublicExceptionTypes, Has.Length.GreaterThanOrEqualTo(8), "the library's exception types were found");
        Assert.That(PublicExceptionTypes.Where(t => t != typeof(WeChatPayException) && !t.IsSubclassOf(typeof(WeChatPayException))), Is.Empty);
        Assert.That(typeof(WeChatPayException).IsSubclassOf(typeof(Exception)), Is.True);
    }
}
