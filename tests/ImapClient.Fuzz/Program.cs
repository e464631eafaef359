using ImapClient.Fuzz;
using SharpFuzz;

// afl (default): the AFL++ target; replay <file|dir>...: checks saved inputs (crashes, the corpus) without AFL++.
if (args is ["replay", .. var paths])
{
    var failures = 0;
    var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]);
    foreach (var file in files.Where(f => !Path.GetFileName(f).StartsWith("README", StringComparison.Ordinal)))
    {
        var bytes = File.ReadAllBytes(file);
        foreach (var segment in new[] { 0, 1, 7 })
        {
            try
            {
                ResponseInvariant.Check(bytes, segment);
            }
            catch (InvariantViolationException ex)
            {
                failures++;
                Console.WriteLine($"FAIL {file} (segments of {segment}): {ex.Message}");
                break;
            }
        }
    }

    Console.WriteLine(failures == 0 ? "replay: every input kept the invariant" : $"replay: {failures} input(s) broke the invariant");
    return failures == 0 ? 0 : 1;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    ResponseInvariant.Check(memory.GetBuffer().AsSpan(0, (int)memory.Length));
});
return 0;
