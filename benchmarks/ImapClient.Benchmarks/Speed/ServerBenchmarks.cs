using BenchmarkDotNet.Attributes;
using ImapClient.Benchmarks.Replay;
using ImapClient.Benchmarks.Wire;
using ImapClient.Benchmarks.Workloads;
using MailKit;

namespace ImapClient.Benchmarks.Speed;

/// <summary>
/// The base of the workloads against a real Dovecot on 127.0.0.1. BenchmarkDotNet runs every benchmark in its own
/// process, and each process starts and seeds its own Dovecot in the global setup (not measured), then connects only
/// the client its benchmark uses; so one library's work never leaves state behind for the other.
/// </summary>
public abstract class ServerBenchmarkBase
{
    private BenchServer? _server;

    protected ImapConnection Ours { get; private set; } = null!;

    protected MailKit.Net.Imap.ImapClient MailKitClient { get; private set; } = null!;

    protected IMailFolder MailKitFolder { get; private set; } = null!;

    private protected RawImapClient Raw { get; private set; } = null!;

    protected abstract int Summaries { get; }

    protected virtual int Large => 0;

    protected virtual string Mailbox => "INBOX";

    protected async Task StartOursAsync()
    {
        var server = await StartServerAsync();
        Ours = await Clients.OursServerAsync(server.Host, server.Port, Mailbox);
    }

    protected async Task StartOursCompressedAsync()
    {
        var server = await StartServerAsync();
        (Ours, _) = await Clients.OursCountedAsync(server.Host, server.Port, Mailbox, compress: true);
    }

    protected async Task StartMailKitAsync()
    {
        var server = await StartServerAsync();
        (MailKitClient, MailKitFolder) = await Clients.MailKitServerAsync(server.Host, server.Port, Mailbox);
    }

    protected async Task StartRawAsync()
    {
        var server = await StartServerAsync();
        Raw = await server.RawAsync(Mailbox);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (Ours is not null)
        {
            await Ours.DisposeAsync();
        }

        MailKitClient?.Dispose();
        if (Raw is not null)
        {
            await Raw.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<BenchServer> StartServerAsync() => _server = await BenchServer.StartAsync(Summaries, Large);
}

/// <summary>
/// FETCH of all 10,000 messages' summaries (nothing read, and the message list: every value a list shows read) and
/// header sections, each with the raw-socket upper bound.
/// </summary>
[Config(typeof(BenchConfig))]
public class ServerFetch : ServerBenchmarkBase
{
    private const string Summary = "Server FETCH summaries (10,000)";
    private const string Headers = "Server FETCH BODY.PEEK[HEADER] (10,000), every header read";
    private const string Listed = "Server message list (10,000)";

    protected override int Summaries => CaptureData.Messages;

    [GlobalSetup(Targets = [nameof(SummariesOurs), nameof(HeadersOurs), nameof(MessageListOurs)])]
    public Task SetupOursAsync() => StartOursAsync();

    [GlobalSetup(Targets = [nameof(SummariesMailKit), nameof(HeadersMailKit), nameof(MessageListMailKit)])]
    public Task SetupMailKitAsync() => StartMailKitAsync();

    [GlobalSetup(Targets = [nameof(SummariesRaw), nameof(HeadersRaw), nameof(MessageListRaw)])]
    public Task SetupRawAsync() => StartRawAsync();

    [GlobalSetup(Target = nameof(SummariesOursCompressed))]
    public Task SetupOursCompressedAsync() => StartOursCompressedAsync();

    [Benchmark(Baseline = true, Description = "MailKit")]
    [BenchmarkCategory(Summary)]
    [Workload(CaptureData.Messages, "msgs", Payload.FetchSummaries)]
    public async Task<int> SummariesMailKit() => (await Ops.MailKitSummariesAsync(MailKitFolder)).Count;

    [Benchmark(Description = "ImapClient")]
    [BenchmarkCategory(Summary)]
    [Workload(CaptureData.Messages, "msgs", Payload.FetchSummaries)]
    public async Task<int> SummariesOurs() => (await Ops.OursSummariesAsync(Ours, CaptureData.Messages)).Count;

    [Benchmark(Description = "ImapClient, COMPRESS=DEFLATE")]
    [BenchmarkCategory(Summary)]
    [Workload(CaptureData.Messages, "msgs", Payload.FetchSummaries)]
    public async Task<int> SummariesOursCompressed() => (await Ops.OursSummariesAsync(Ours, CaptureData.Messages)).Count;

    [Benchmark(Description = "raw socket, bytes counted only")]
    [BenchmarkCategory(Summary)]
    [Workload(CaptureData.Messages, "msgs", Payload.FetchSummaries)]
    public Task<long> SummariesRaw() => Ops.RawSummariesAsync(Raw);

    [Benchmark(Baseline = true, Description = "MailKit")]
    [BenchmarkCategory(Listed)]
    [Workload(CaptureData.Messages, "msgs", Payload.FetchSummaries)]
    public Task<ulong> MessageListMailKit() => MessageList.MailKitAsync(MailKitFolder);

    [Benchmark(Description = "ImapClient")]
    [BenchmarkCategory(Listed)]
    [Workload(CaptureData.Messages, "msgs", Payload.FetchSummaries)]
    public Task<ulong> MessageListOurs() => MessageList.OursAsync(Ours, CaptureData.Messages);

    [Benchmark(Description = "raw socket, bytes counted only")]
    [BenchmarkCategory(Listed)]
    [Workload(CaptureData.Messages, "msgs", Payload.FetchSummaries)]
    public Task<long> MessageListRaw() => Ops.RawSummariesAsync(Raw);

    [Benchmark(Baseline = true, Description = "MailKit")]
    [BenchmarkCategory(Headers)]
    [Workload(CaptureData.Messages, "msgs", Payload.Headers)]
    public async Task<long> HeadersMailKit() => (await Ops.MailKitHeadersAsync(MailKitFolder)).Checksum;

    [Benchmark(Description = "ImapClient")]
    [BenchmarkCategory(Headers)]
    [Workload(CaptureData.Messages, "msgs", Payload.Headers)]
    public async Task<long> HeadersOurs() => (await Ops.OursHeadersAsync(Ours, CaptureData.Messages)).Checksum;

    [Benchmark(Description = "raw socket, bytes counted only")]
    [BenchmarkCategory(Headers)]
    [Workload(CaptureData.Messages, "msgs", Payload.Headers)]
    public Task<long> HeadersRaw() => Ops.RawHeadersAsync(Raw);
}

/// <summary>Downloading 1,000 messages of about 100 KB: one command per message, and one command for all.</summary>
[Config(typeof(BenchConfig))]
public class ServerDownload : ServerBenchmarkBase
{
    private const string Each = "Server download 1,000 x 100 KB, one FETCH each";
    private const string Bulk = "Server download 1,000 x 100 KB, one FETCH for all";

    protected override int Summaries => 0;

    protected override int Large => PayloadSizes.Downloads;

    protected override string Mailbox => BenchServer.LargeMailbox;

    [GlobalSetup(Targets = [nameof(EachOurs), nameof(BulkOurs)])]
    public Task SetupOursAsync() => StartOursAsync();

    [GlobalSetup(Targets = [nameof(EachMailKit), nameof(BulkMailKit)])]
    public Task SetupMailKitAsync() => StartMailKitAsync();

    [GlobalSetup(Targets = [nameof(EachRaw), nameof(BulkRaw)])]
    public Task SetupRawAsync() => StartRawAsync();

    [Benchmark(Baseline = true, Description = "MailKit GetStream")]
    [BenchmarkCategory(Each)]
    [Workload(PayloadSizes.Downloads, "msgs", Payload.Large)]
    public Task<long> EachMailKit() => Ops.MailKitDownloadEachAsync(MailKitFolder, PayloadSizes.Downloads);

    [Benchmark(Description = "ImapClient DownloadAsync")]
    [BenchmarkCategory(Each)]
    [Workload(PayloadSizes.Downloads, "msgs", Payload.Large)]
    public Task<long> EachOurs() => Ops.OursDownloadEachAsync(Ours, PayloadSizes.Downloads);

    [Benchmark(Description = "raw socket, bytes counted only")]
    [BenchmarkCategory(Each)]
    [Workload(PayloadSizes.Downloads, "msgs", Payload.Large)]
    public Task<long> EachRaw() => Ops.RawDownloadEachAsync(Raw, PayloadSizes.Downloads);

    [Benchmark(Baseline = true, Description = "MailKit GetStreams")]
    [BenchmarkCategory(Bulk)]
    [Workload(PayloadSizes.Downloads, "msgs", Payload.Large)]
    public Task<long> BulkMailKit() => Ops.MailKitDownloadBulkAsync(MailKitFolder, PayloadSizes.Downloads);

    [Benchmark(Description = "ImapClient UidFetchStreamAsync")]
    [BenchmarkCategory(Bulk)]
    [Workload(PayloadSizes.Downloads, "msgs", Payload.Large)]
    public Task<long> BulkOurs() => Ops.OursDownloadBulkAsync(Ours, PayloadSizes.Downloads);

    [Benchmark(Description = "raw socket, bytes counted only")]
    [BenchmarkCategory(Bulk)]
    [Workload(PayloadSizes.Downloads, "msgs", Payload.Large)]
    public Task<long> BulkRaw() => Ops.RawDownloadBulkAsync(Raw, PayloadSizes.Downloads);
}

/// <summary>
/// The same 1,000 messages of about 100 KB, each parsed by MimeKit into a MimeMessage: all in one command (ours
/// UidFetchStreamAsync with MimeMessage.LoadAsync on each body as it arrives, MailKit GetStreamsAsync with
/// MimeMessage.Load in its callback), and one command per message (both GetMessageAsync). The raw rows are the
/// download ones: the same commands, bytes counted only.
/// </summary>
[Config(typeof(BenchConfig))]
public class ServerBodiesParsed : ServerBenchmarkBase
{
    private const string Bulk = "Server bodies 1,000 x 100 KB parsed by MimeKit, one FETCH for all";
    private const string Each = "Server bodies 1,000 x 100 KB parsed by MimeKit, one FETCH each (GetMessageAsync)";

    protected override int Summaries => 0;

    protected override int Large => PayloadSizes.Downloads;

    protected override string Mailbox => BenchServer.LargeMailbox;

    [GlobalSetup(Targets = [nameof(BulkOurs), nameof(EachOurs)])]
    public Task SetupOursAsync() => StartOursAsync();

    [GlobalSetup(Targets = [nameof(BulkMailKit), nameof(EachMailKit)])]
    public Task SetupMailKitAsync() => StartMailKitAsync();

    [GlobalSetup(Targets = [nameof(BulkRaw), nameof(EachRaw)])]
    public Task SetupRawAsync() => StartRawAsync();

    [Benchmark(Baseline = true, Description = "MailKit GetStreams + Load")]
    [BenchmarkCategory(Bulk)]
    [Workload(PayloadSizes.Downloads, "msgs", Payload.Large)]
    public Task<long> BulkMailKit() => Ops.MailKitBodiesParsedAsync(MailKitFolder, PayloadSizes.Downloads);

    [Benchmark(Description = "ImapClient UidFetchStreamAsync + LoadAsync")]
    [BenchmarkCategory(Bulk)]
    [Workload(PayloadSizes.Downloads, "msgs", Payload.Large)]
    public Task<long> BulkOurs() => Ops.OursBodiesParsedAsync(Ours, PayloadSizes.Downloads);

    [Benchmark(Description = "raw socket, bytes counted only")]
    [BenchmarkCategory(Bulk)]
    [Workload(PayloadSizes.Downloads, "msgs", Payload.Large)]
    public Task<long> BulkRaw() => Ops.RawDownloadBulkAsync(Raw, PayloadSizes.Downloads);

    [Benchmark(Baseline = true, Description = "MailKit GetMessageAsync")]
    [BenchmarkCategory(Each)]
    [Workload(PayloadSizes.Downloads, "msgs", Payload.Large)]
    public Task<long> EachMailKit() => Ops.MailKitGetMessageEachAsync(MailKitFolder, PayloadSizes.Downloads);

    [Benchmark(Description = "ImapClient GetMessageAsync")]
    [BenchmarkCategory(Each)]
    [Workload(PayloadSizes.Downloads, "msgs", Payload.Large)]
    public Task<long> EachOurs() => Ops.OursGetMessageEachAsync(Ours, PayloadSizes.Downloads);

    [Benchmark(Description = "raw socket, bytes counted only")]
    [BenchmarkCategory(Each)]
    [Workload(PayloadSizes.Downloads, "msgs", Payload.Large)]
    public Task<long> EachRaw() => Ops.RawDownloadEachAsync(Raw, PayloadSizes.Downloads);
}

/// <summary>
/// STORE +FLAGS / -FLAGS (\Flagged) on all 10,000 messages, not silent; alternating, so every call changes every
/// message. The raw socket sends the same commands and only counts the bytes of the responses: Dovecot's time.
/// </summary>
[Config(typeof(BenchConfig))]
public class ServerStore : ServerBenchmarkBase
{
    private const string Store = "Server STORE flags (10,000)";
    private readonly int[] _indexes = Enumerable.Range(0, CaptureData.Messages).ToArray();
    private bool _add = true;
    private int _mailKitChanged;

    protected override int Summaries => CaptureData.Messages;

    [GlobalSetup(Target = nameof(StoreOurs))]
    public Task SetupOursAsync() => StartOursAsync();

    [GlobalSetup(Target = nameof(StoreRaw))]
    public Task SetupRawAsync() => StartRawAsync();

    [GlobalSetup(Target = nameof(StoreMailKit))]
    public async Task SetupMailKitAsync()
    {
        await StartMailKitAsync();
        MailKitFolder.MessageFlagsChanged += (_, _) => _mailKitChanged++;
    }

    [Benchmark(Baseline = true, Description = "MailKit")]
    [BenchmarkCategory(Store)]
    [Workload(CaptureData.Messages, "msgs")]
    public async Task<int> StoreMailKit()
    {
        _mailKitChanged = 0;
        await Ops.MailKitStoreAsync(MailKitFolder, _indexes, _add = !_add);
        return _mailKitChanged;
    }

    [Benchmark(Description = "ImapClient")]
    [BenchmarkCategory(Store)]
    [Workload(CaptureData.Messages, "msgs")]
    public Task<int> StoreOurs() => Ops.OursStoreAsync(Ours, CaptureData.Messages, _add = !_add);

    [Benchmark(Description = "raw socket, bytes counted only")]
    [BenchmarkCategory(Store)]
    [Workload(CaptureData.Messages, "msgs")]
    public Task<long> StoreRaw() => Ops.RawStoreAsync(Raw, _add = !_add);
}

/// <summary>1,600 NOOPs: ours from 8 concurrent tasks on one connection (pipelined), MailKit one after another.</summary>
[Config(typeof(BenchConfig))]
public class ServerNoop : ServerBenchmarkBase
{
    public const int Noops = 1_600;
    private const string Noop = "Server 1,600 NOOPs, one connection";

    protected override int Summaries => 10;

    [GlobalSetup(Targets = [nameof(NoopOursConcurrent), nameof(NoopOursSequential)])]
    public Task SetupOursAsync() => StartOursAsync();

    [GlobalSetup(Target = nameof(NoopMailKit))]
    public Task SetupMailKitAsync() => StartMailKitAsync();

    [GlobalSetup(Targets = [nameof(NoopRawPipelined), nameof(NoopRawSequential)])]
    public Task SetupRawAsync() => StartRawAsync();

    [Benchmark(Baseline = true, Description = "MailKit, sequential")]
    [BenchmarkCategory(Noop)]
    [Workload(Noops, "cmds")]
    public Task<int> NoopMailKit() => Ops.MailKitNoopsAsync(MailKitClient, Noops);

    [Benchmark(Description = "ImapClient, 8 concurrent tasks")]
    [BenchmarkCategory(Noop)]
    [Workload(Noops, "cmds")]
    public Task<int> NoopOursConcurrent() => Ops.OursNoopsAsync(Ours, Noops, tasks: 8);

    [Benchmark(Description = "ImapClient, sequential")]
    [BenchmarkCategory(Noop)]
    [Workload(Noops, "cmds")]
    public Task<int> NoopOursSequential() => Ops.OursNoopsAsync(Ours, Noops, tasks: 1);

    [Benchmark(Description = "raw socket, 8 in flight")]
    [BenchmarkCategory(Noop)]
    [Workload(Noops, "cmds")]
    public Task<int> NoopRawPipelined() => Raw.PipelineAsync("NOOP", Noops, window: 8);

    [Benchmark(Description = "raw socket, sequential")]
    [BenchmarkCategory(Noop)]
    [Workload(Noops, "cmds")]
    public Task<int> NoopRawSequential() => Ops.RawNoopsAsync(Raw, Noops);
}

/// <summary>
/// The steady state: 100 FETCH FLAGS of 100 messages each, one after another on one connection. What a client
/// allocates here beyond the flags it returns is overhead per response.
/// </summary>
[Config(typeof(BenchConfig))]
public class ServerFetchFlags : ServerBenchmarkBase
{
    public const int Rounds = 100;
    public const int PerRound = 100;
    private const string Flags = "Server FETCH FLAGS of 100 messages, 100 times";

    protected override int Summaries => PerRound;

    [GlobalSetup(Target = nameof(FlagsOurs))]
    public Task SetupOursAsync() => StartOursAsync();

    [GlobalSetup(Target = nameof(FlagsMailKit))]
    public Task SetupMailKitAsync() => StartMailKitAsync();

    [Benchmark(Baseline = true, Description = "MailKit")]
    [BenchmarkCategory(Flags)]
    [Workload(Rounds * PerRound, "msgs")]
    public Task<int> FlagsMailKit() => Ops.MailKitFlagsAsync(MailKitFolder, Rounds);

    [Benchmark(Description = "ImapClient")]
    [BenchmarkCategory(Flags)]
    [Workload(Rounds * PerRound, "msgs")]
    public Task<int> FlagsOurs() => Ops.OursFlagsAsync(Ours, PerRound, Rounds);
}
