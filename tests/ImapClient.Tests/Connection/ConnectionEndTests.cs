using System.Diagnostics.Metrics;
using System.Reflection;
using ImapClient.Diagnostics;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>What a connection leaves behind when it ends: no command counted in flight after LOGOUT, no throwing watchdog after dispose.</summary>
[NonParallelizable]
public class ConnectionEndTests
{
    [Test]
    public async Task A_LOGOUT_the_server_ends_by_closing_after_BYE_leaves_no_command_counted_in_flight()
    {
        long inFlight = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == ImapTelemetry.Name && i.Name.Contains("in_flight", StringComparison.Ordinal) || i.Meter.Name == ImapTelemetry.Name && i.GetType().Name.Contains("UpDown", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => Interlocked.Add(ref inFlight, v));
        listener.Start();

        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");
        var logout = imap.LogoutAsync();
        await server.ExpectCommandAsync("LOGOUT");
        await server.SendAsync("* BYE bye\r\n");
        await server.CloseAsync();
        Assert.That(await CatchAsync(logout), Is.Null, "LOGOUT succeeds");
        Assert.That(Interlocked.Read(ref inFlight), Is.EqualTo(0), "commands in flight back to zero");
    }

    [Test]
    public async Task A_watchdog_tick_after_dispose_does_not_throw()
    {
        await using var server = new ScriptedServer();
        var imap = await server.ConnectAsync("* PREAUTH ready\r\n");
        var noop = imap.NoopAsync();   // arms the watchdog (creates the timer)
        await server.SendAsync($"{await server.ExpectCommandAsync("NOOP")} OK done\r\n");
        await noop.WaitAsync(Patience);
        var session = typeof(ImapConnection).GetField("_session", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(imap)!;
        await imap.DisposeAsync();     // StopWatchdog disposes the timer; a callback already running continues
        var onWatchdog = session.GetType().GetMethod("OnWatchdog", BindingFlags.NonPublic | BindingFlags.Instance)!;
        Assert.DoesNotThrow(() =>
        {
            try { onWatchdog.Invoke(session, null); }
            catch (TargetInvocationException e) { throw e.InnerException!; }
        }, "a timer callback that throws crashes the process");
    }
}
