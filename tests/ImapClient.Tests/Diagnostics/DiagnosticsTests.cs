using System.Diagnostics;
using System.Diagnostics.Metrics;
using ImapClient.Diagnostics;
using ImapClient.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Diagnostics;

/// <summary>Logs with stable ids and no secrets; command traces and metrics named after the package.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class DiagnosticsTests(Delivery delivery)
{
    private const string Password = "pa55-w0rd!secret";

    [Test]
    public async Task Sign_in_and_commands_are_logged_with_stable_ids_and_the_password_never_appears()
    {
        var log = new ListLoggerFactory();
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync(options: new ImapConnectionOptions { LoggerFactory = log, AllowPlaintextAuthentication = true });

        var login = imap.LoginAsync("alice", Password);
        await server.SendAsync($"{await server.ExpectCommandAsync($"LOGIN alice {Password}")} OK welcome\r\n");
        await login.WaitAsync(Patience);
        var noop = imap.NoopAsync();
        await server.SendAsync($"{await server.ExpectCommandAsync("NOOP")} OK done\r\n");
        await noop.WaitAsync(Patience);

        var entries = log.Entries;
        Assert.That(entries.Select(e => e.Id), Is.SupersetOf(new[] { 200, 201, 300 }));
        var noopEntry = entries.Single(e => e.Id == 300 && e.Message.Contains("NOOP", StringComparison.Ordinal));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(noopEntry.Level, Is.EqualTo(LogLevel.Debug));
            Assert.That(noopEntry.Message, Does.StartWith("A0002 NOOP completed Ok in "));
            Assert.That(entries.Single(e => e.Id == 200).Message, Does.Contain("alice").And.Contain("LOGIN"));
            Assert.That(entries.Where(e => e.Message.Contains(Password, StringComparison.Ordinal)), Is.Empty);
        }
    }

    [Test]
    public async Task A_failed_sign_in_an_unparsable_response_and_a_broken_connection_are_warnings_but_closing_is_not()
    {
        var log = new ListLoggerFactory();
        await using var server = new ScriptedServer(delivery);
        var imap = await server.ConnectAsync(options: new ImapConnectionOptions { LoggerFactory = log, AllowPlaintextAuthentication = true });

        var login = imap.LoginAsync("bob", Password);
        await server.SendAsync($"{await server.ExpectCommandAsync($"LOGIN bob {Password}")} NO [AUTHENTICATIONFAILED] Invalid credentials\r\n");
        await CatchAsync(login);
        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* 1 FETCH (FLAGS (\\Seen)\r\n{tag} OK done\r\n");
        await noop.WaitAsync(Patience);
        await imap.DisposeAsync();

        Assert.That(log.Entries.Single(e => e.Id == 202).Message, Does.Contain("Invalid credentials").And.Not.Contain(Password));
        Assert.That(log.Entries.Single(e => e.Id == 400).Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(log.Entries.Where(e => e.Id == 401), Is.Empty, "closing the connection ourselves is not a broken connection");

        await using var dying = new ScriptedServer(delivery);
        var other = await dying.ConnectAsync(options: new ImapConnectionOptions { LoggerFactory = log });
        await dying.CloseAsync();
        Assert.That(await CatchAsync(other.NoopAsync()), Is.InstanceOf<ImapConnectionException>());

        // The NOOP may see the fault before the thread that found it has written the log entry: wait for it, bounded.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (log.Entries.All(e => e.Id != 401) && waited.Elapsed < Patience)
        {
            await Task.Delay(10);
        }

        Assert.That(log.Entries.Count(e => e.Id == 401), Is.EqualTo(1));
        await other.DisposeAsync();
    }

    [Test]
    public async Task Each_command_is_a_trace_and_its_duration_and_bytes_are_measured()
    {
        var activities = new List<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ImapTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) { activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(activityListener);
        var measurements = new List<(string Instrument, double Value, string? Command)>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ImapTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i.Name, v, tags));
        meterListener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i.Name, v, tags));
        meterListener.Start();

        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();
        using var outer = new Activity("caller").Start();
        var noop = imap.NoopAsync();
        await server.SendAsync($"{await server.ExpectCommandAsync("NOOP")} OK done\r\n");
        await noop.WaitAsync(Patience);
        Assert.That(Activity.Current, Is.SameAs(outer), "the caller's ambient activity is untouched");
        outer.Stop();

        var trace = activities.Single(a => a.DisplayName == "IMAP NOOP");
        lock (measurements)
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(trace.GetTagItem("imap.status"), Is.EqualTo("Ok"));
                Assert.That(trace.Status, Is.EqualTo(ActivityStatusCode.Ok));
                Assert.That(trace.Parent, Is.SameAs(outer));
                Assert.That(measurements.Where(m => m.Instrument == "imap.client.command.duration" && m.Command == "NOOP"), Has.Exactly(1).Items);
                Assert.That(measurements.Where(m => m.Instrument == "imap.client.commands.in_flight").Sum(m => m.Value), Is.Zero);
                Assert.That(measurements.Where(m => m.Instrument == "imap.client.commands.in_flight" && m.Value > 0), Is.Not.Empty);
                Assert.That(measurements.Where(m => m.Instrument == "imap.client.bytes.sent").Sum(m => m.Value), Is.EqualTo("A0001 NOOP\r\n".Length));
                Assert.That(measurements.Where(m => m.Instrument == "imap.client.bytes.received").Sum(m => m.Value), Is.EqualTo("* OK IMAP4rev1 Service Ready\r\nA0001 OK done\r\n".Length), "the greeting and the completion");
            }
        }

        void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? command = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "imap.command")
                {
                    command = tag.Value as string;
                }
            }

            lock (measurements)
            {
                measurements.Add((instrument, value, command));
            }
        }
    }
}
