using System.Text.Json;
using System.Text.RegularExpressions;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Style;

/// <summary>
/// The library builds with every code-analysis rule on (AnalysisMode=All), and each rule it turns off for one case
/// says why where it does: a suppression without its reason, or a CA rule waved away for the whole project in NoWarn,
/// fails here.
/// </summary>
public sealed partial class AnalyzerSuppressionTests
{
    private static string LibraryFolder => Path.Combine(RepositoryRoot.Find(), "src", "ImapClient");

    [Test]
    public async Task The_library_builds_with_every_analysis_rule_on_and_waives_none_in_NoWarn()
    {
        var result = await Programs.RunAsync(
            "dotnet", ["msbuild", "ImapClient.csproj", "-getProperty:AnalysisMode", "-getProperty:NoWarn"],
            LibraryFolder, TimeSpan.FromMinutes(2));
        Assert.That(result.ExitCode, Is.Zero, result.ToString);

        using var json = JsonDocument.Parse(result.Output);
        var properties = json.RootElement.GetProperty("Properties");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(properties.GetProperty("AnalysisMode").GetString(), Is.EqualTo("All"));
            Assert.That(properties.GetProperty("NoWarn").GetString(), Does.Not.Match(@"\bCA\d{4}\b"),
                "a CA rule wrong for one case is suppressed where it fires, with the reason; for the whole library, in .editorconfig with a comment");
        }
    }

    [Test]
    public void Every_suppression_in_the_library_says_why()
    {
        var unexplained = new List<string>();
        foreach (var file in Directory.EnumerateFiles(LibraryFolder, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                var where = $"{Path.GetRelativePath(LibraryFolder, file)}:{i + 1}";
                if (line.StartsWith("#pragma warning disable", StringComparison.Ordinal)
                    && !line.Contains("//", StringComparison.Ordinal)
                    && !(i > 0 && lines[i - 1].Trim().StartsWith("//", StringComparison.Ordinal)))
                {
                    unexplained.Add(where);
                }

                if (SuppressMessage().IsMatch(line) && !Justification().IsMatch(line))
                {
                    unexplained.Add(where);
                }
            }
        }

        Assert.That(unexplained, Is.Empty, "each suppression gives its reason: a // comment on or just above the #pragma, a Justification in the attribute");
    }

    [GeneratedRegex(@"\[(System\.Diagnostics\.CodeAnalysis\.)?(Unconditional)?SuppressMessage\(")]
    private static partial Regex SuppressMessage();

    [GeneratedRegex(@"Justification\s*=\s*""[^""]{10,}")]
    private static partial Regex Justification();
}
