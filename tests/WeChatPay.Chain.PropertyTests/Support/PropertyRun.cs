using FsCheck;
using FsCheck.Fluent;

namespace WeChatPay.Chain.PropertyTests.Support;

/// <summary>
/// Runs a property over a fixed number of generated cases, fails with FsCheck's report (and its replay seed) on the
/// first case that does not hold, and fails too if fewer cases ran than asked, so a count in the docs is a count run.
/// </summary>
internal static class PropertyRun
{
    public static void ForAll<T>(Gen<T> cases, int count, Action<T> holds)
    {
        var ran = 0;
        var property = Prop.ForAll(cases.ToArbitrary(), (T value) =>
        {
            Interlocked.Increment(ref ran);
            holds(value);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(count).WithQuietOnSuccess(true), property);
        Assert.That(ran, Is.EqualTo(count), "every generated case ran");
        TestContext.Progress.WriteLine($"{TestContext.CurrentContext.Test.Name}: {count} cases");
    }
}
