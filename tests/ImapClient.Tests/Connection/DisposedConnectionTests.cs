using System.Reflection;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>
/// After DisposeAsync every call throws ObjectDisposedException, as .NET callers expect; a call already made when
/// DisposeAsync runs fails with ImapConnectionException. A second LogoutAsync sends nothing.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class DisposedConnectionTests(Delivery delivery)
{
    /// <summary>An argument of each type the public calls take, valid enough to get past argument checks.</summary>
    private static object? Sample(ParameterInfo parameter) => parameter.ParameterType switch
    {
        _ when parameter.Name == "mechanism" => "PLAIN",
        _ when parameter.ParameterType == typeof(CancellationToken) => CancellationToken.None,
        _ when parameter.ParameterType == typeof(string) => "INBOX",
        _ when parameter.ParameterType == typeof(bool) => false,
        _ when parameter.ParameterType == typeof(uint) => 1u,
        _ when parameter.ParameterType == typeof(ulong) => 1ul,
        _ when parameter.ParameterType == typeof(SequenceSet) => SequenceSet.Single(1),
        _ when parameter.ParameterType == typeof(FetchRequest) => new FetchRequest(FetchItems.Flags) { ChangedSince = 1 },
        _ when parameter.ParameterType == typeof(StoreAction) => StoreAction.Add,
        _ when parameter.ParameterType == typeof(MessageFlags) => new MessageFlags(SystemFlags.Seen),
        _ when parameter.ParameterType == typeof(Stream) => new MemoryStream("Subject: x\r\n\r\nx\r\n"u8.ToArray()),
        _ when parameter.ParameterType == typeof(BodyPart) => new BodyPartText(new MimeKit.ContentType("text", "plain"), "1"),
        _ when parameter.ParameterType == typeof(MimeKit.MimeMessage) => new MimeKit.MimeMessage { Subject = "x" },
        _ when parameter.ParameterType == typeof(SearchQuery) => SearchQuery.All,
        _ when parameter.ParameterType == typeof(SearchReturnOptions) => SearchReturnOptions.Count,
        _ when parameter.ParameterType == typeof(IReadOnlyList<SortCriterion>) => new[] { SortCriterion.Ascending(SortField.Arrival) },
        _ when parameter.ParameterType == typeof(ThreadAlgorithm) => ThreadAlgorithm.References,
        _ when parameter.ParameterType == typeof(ListRequest) => new ListRequest(),
        _ when parameter.ParameterType == typeof(StatusItems) => StatusItems.Messages,
        _ when parameter.ParameterType == typeof(MailboxAttributes) => MailboxAttributes.Archive,
        _ when parameter.ParameterType == typeof(SelectOptions) => new SelectOptions { Condstore = true },
        _ when parameter.ParameterType == typeof(System.Net.NetworkCredential) => new System.Net.NetworkCredential("joe", "secret"),
        _ when parameter.ParameterType == typeof(IEnumerable<string>) => new[] { "CONDSTORE" },
        _ when parameter.ParameterType == typeof(IReadOnlyDictionary<string, string?>) => new Dictionary<string, string?> { ["name"] = "test" },
        _ when parameter.ParameterType == typeof(ImapIdleOptions) => new ImapIdleOptions(),
        _ when parameter.ParameterType == typeof(long) => 20L,
        _ when parameter.ParameterType == typeof(DateTimeOffset?) => DateTimeOffset.UnixEpoch,
        _ => throw new AssertionException($"DisposedConnectionTests needs a sample argument of type {parameter.ParameterType}."),
    };

    /// <summary>Every public method of ImapConnection that talks to the server.</summary>
    public static IEnumerable<TestCaseData> Calls() =>
        typeof(ImapConnection).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name != nameof(ImapConnection.DisposeAsync))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType)
                || (m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)))
            .Select(m => new TestCaseData(m).SetArgDisplayNames(m.Name + "(" + string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name)) + ")"));

    /// <summary>Whether the server offered an extension must not decide what a call on a disposed connection throws.</summary>
    private static readonly string[] CapabilityLists =
    [
        "IMAP4rev1 IDLE ENABLE ID UIDPLUS MOVE SORT THREAD=REFERENCES ESEARCH CONDSTORE COMPRESS=DEFLATE UNSELECT SPECIAL-USE NAMESPACE AUTH=PLAIN AUTH=XOAUTH2",
        "IMAP4rev1",
    ];

    [TestCaseSource(nameof(Calls))]
    public async Task Every_call_after_DisposeAsync_throws_ObjectDisposedException(MethodInfo method)
    {
        foreach (var capabilities in CapabilityLists)
        {
            await AssertDisposedAsync(method, capabilities);
        }
    }

    private async Task AssertDisposedAsync(MethodInfo method, string capabilities)
    {
        await using var server = new ScriptedServer(delivery);
        var imap = await ConnectSelectedAsync(server, capabilities);
        await imap.DisposeAsync();

        var args = method.GetParameters().Select(p => p.HasDefaultValue && p.ParameterType != typeof(CancellationToken) && p.ParameterType != typeof(bool)
            ? p.DefaultValue ?? Sample(p)
            : Sample(p)).ToArray();
        var ex = await CatchAsync(Task.Run(async () =>
        {
            var result = method.Invoke(imap, args);
            if (result is Task task)
            {
                await task;
            }
            else
            {
                await foreach (var item in (IAsyncEnumerable<object>)AsObjects(result!))
                {
                }
            }
        }));

        if (ex is TargetInvocationException { InnerException: { } inner })
        {
            ex = inner;
        }

        Assert.That(ex, Is.TypeOf<ObjectDisposedException>(), $"with {capabilities}: {ex}");
        Assert.That(ex!.Message, Does.Contain("The connection was disposed (DisposeAsync); connect again"));
    }

    /// <summary>Enumerates an IAsyncEnumerable of any element type.</summary>
    private static async IAsyncEnumerable<object> AsObjects(object enumerable)
    {
        var element = enumerable.GetType().GetInterfaces()
            .First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
            .GetGenericArguments()[0];
        var getEnumerator = typeof(IAsyncEnumerable<>).MakeGenericType(element).GetMethod("GetAsyncEnumerator")!;
        var enumerator = (IAsyncDisposable)getEnumerator.Invoke(enumerable, [CancellationToken.None])!;
        var moveNext = typeof(IAsyncEnumerator<>).MakeGenericType(element).GetMethod("MoveNextAsync")!;
        try
        {
            while (await (ValueTask<bool>)moveNext.Invoke(enumerator, null)!)
            {
                yield return enumerator;
            }
        }
        finally
        {
            await enumerator.DisposeAsync();
        }
    }

    [Test]
    public async Task The_properties_stay_readable_after_DisposeAsync()
    {
        await using var server = new ScriptedServer(delivery);
        var imap = await ConnectSelectedAsync(server);
        await imap.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));
            Assert.That(imap.Greeting.Status, Is.EqualTo(ImapStatus.PreAuth));
            Assert.That(imap.Capabilities.Contains("IMAP4rev1"), Is.True);
            Assert.That(imap.SelectedMailbox, Is.Null);
            Assert.That(imap.IsEncrypted, Is.False);
            Assert.That(imap.TlsProtocol, Is.Null);
            Assert.That(imap.TlsCipherSuite, Is.Null);
            Assert.That(imap.IsCompressed, Is.False);
            Assert.That(imap.EnabledCapabilities.All, Is.Empty);
        });
    }

    [Test]
    public async Task DisposeAsync_twice_is_harmless()
    {
        await using var server = new ScriptedServer(delivery);
        var imap = await ConnectSelectedAsync(server);

        await imap.DisposeAsync();
        Assert.That(await CatchAsync(imap.DisposeAsync().AsTask()), Is.Null);
    }

    [Test]
    public async Task A_call_in_flight_when_DisposeAsync_runs_fails_with_ImapConnectionException()
    {
        await using var server = new ScriptedServer(delivery);
        var imap = await ConnectSelectedAsync(server);
        var noop = imap.NoopAsync();
        await server.ExpectCommandAsync("NOOP");

        await imap.DisposeAsync();

        var ex = await CatchAsync(noop);
        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.Message, Is.EqualTo("The connection was closed by the caller."));
    }

    [Test]
    public async Task A_second_LogoutAsync_sends_nothing_and_returns_the_first_answer()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var first = imap.LogoutAsync();
        var tag = await server.ExpectCommandAsync("LOGOUT");
        await server.SendAsync($"* BYE logging out\r\n{tag} OK LOGOUT completed\r\n");
        var answer = await first.WaitAsync(Patience);

        var second = await imap.LogoutAsync().WaitAsync(Patience);

        Assert.That(second, Is.SameAs(answer));
        Assert.That(second.Text, Is.EqualTo("LOGOUT completed"));
        await AssertClientSilentAsync(server, "a second LogoutAsync sends nothing");
    }

    [Test]
    public async Task A_second_LogoutAsync_while_the_first_is_in_flight_waits_for_it_without_sending()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var first = imap.LogoutAsync();
        var tag = await server.ExpectCommandAsync("LOGOUT");
        var second = imap.LogoutAsync();
        await AssertClientSilentAsync(server, "the second LogoutAsync joins the first");

        await server.SendAsync($"* BYE logging out\r\n{tag} OK LOGOUT completed\r\n");
        await server.CloseAsync();

        Assert.That(await second.WaitAsync(Patience), Is.SameAs(await first.WaitAsync(Patience)));
    }

    [Test]
    public async Task A_second_LogoutAsync_waiting_for_the_first_can_be_cancelled_by_its_own_token()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var first = imap.LogoutAsync();
        var tag = await server.ExpectCommandAsync("LOGOUT");
        using var cancel = new CancellationTokenSource();
        var second = imap.LogoutAsync(cancel.Token);
        await cancel.CancelAsync();

        Assert.That(await CatchAsync(second), Is.InstanceOf<OperationCanceledException>());
        Assert.That(first.IsCompleted, Is.False, "the first caller's LOGOUT is not affected");
        await server.SendAsync($"* BYE logging out\r\n{tag} OK LOGOUT completed\r\n");
        Assert.That((await first.WaitAsync(Patience)).Text, Is.EqualTo("LOGOUT completed"));
    }

    [Test]
    public async Task LogoutAsync_after_DisposeAsync_throws_ObjectDisposedException_even_after_a_first_logout()
    {
        await using var server = new ScriptedServer(delivery);
        var imap = await ConnectSelectedAsync(server);
        var first = imap.LogoutAsync();
        var tag = await server.ExpectCommandAsync("LOGOUT");
        await server.SendAsync($"* BYE logging out\r\n{tag} OK LOGOUT completed\r\n");
        await first.WaitAsync(Patience);
        await imap.DisposeAsync();

        Assert.That(await CatchAsync(imap.LogoutAsync()), Is.TypeOf<ObjectDisposedException>());
    }
}
