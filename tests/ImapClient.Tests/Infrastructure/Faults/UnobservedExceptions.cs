using System.Collections.Concurrent;

namespace ImapClient.Tests.Infrastructure.Faults;

/// <summary>
/// Counts task exceptions nobody observed: a faulted task the library dropped surfaces here once the garbage collector
/// finalizes it. Run the scenario in a method of its own, so its tasks are unreachable when <see cref="AssertNoneAsync"/>
/// collects.
/// </summary>
internal sealed class UnobservedExceptions : IDisposable
{
    private readonly ConcurrentQueue<Exception> _seen = new();

    private UnobservedExceptions()
    {
        TaskScheduler.UnobservedTaskException += OnUnobserved;
    }

    /// <summary>Collects what earlier tests left behind, then starts counting.</summary>
    public static UnobservedExceptions Start()
    {
        Collect();
        return new UnobservedExceptions();
    }

    /// <summary>Lets pending work finish, collects, and asserts nothing was left unobserved.</summary>
    public async Task AssertNoneAsync()
    {
        // Continuations and timers of a connection just closed may still be running.
        await Task.Delay(200);
        Collect();
        Assert.That(_seen.Select(e => e.InnerException?.ToString() ?? e.ToString()), Is.Empty, "unobserved task exceptions");
    }

    public void Dispose() => TaskScheduler.UnobservedTaskException -= OnUnobserved;

    private static void Collect()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => _seen.Enqueue(e.Exception);
}
