namespace Kiln.Targets.Benchmarks;

/// <summary>A build of 100 empty targets, each depending on the previous one (generated; measures per-target engine overhead).</summary>
public sealed class ChainBuild : KilnBuild
{
    public Target T001 => _ => _.Executes(() => { });

    public Target T002 => _ => _.DependsOn(T001).Executes(() => { });

    public Target T003 => _ => _.DependsOn(T002).Executes(() => { });

    public Target T004 => _ => _.DependsOn(T003).Executes(() => { });

    public Target T005 => _ => _.DependsOn(T004).Executes(() => { });

    public Target T006 => _ => _.DependsOn(T005).Executes(() => { });

    public Target T007 => _ => _.DependsOn(T006).Executes(() => { });

    public Target T008 => _ => _.DependsOn(T007).Executes(() => { });

    public Target T009 => _ => _.DependsOn(T008).Executes(() => { });

    public Target T010 => _ => _.DependsOn(T009).Executes(() => { });

    public Target T011 => _ => _.DependsOn(T010).Executes(() => { });

    public Target T012 => _ => _.DependsOn(T011).Executes(() => { });

    public Target T013 => _ => _.DependsOn(T012).Executes(() => { });

    public Target T014 => _ => _.DependsOn(T013).Executes(() => { });

    public Target T015 => _ => _.DependsOn(T014).Executes(() => { });

    public Target T016 => _ => _.DependsOn(T015).Executes(() => { });

    public Target T017 => _ => _.DependsOn(T016).Executes(() => { });

    public Target T018 => _ => _.DependsOn(T017).Executes(() => { });

    public Target T019 => _ => _.DependsOn(T018).Executes(() => { });

    public Target T020 => _ => _.DependsOn(T019).Executes(() => { });

    public Target T021 => _ => _.DependsOn(T020).Executes(() => { });

    public Target T022 => _ => _.DependsOn(T021).Executes(() => { });

    public Target T023 => _ => _.DependsOn(T022).Executes(() => { });

    public Target T024 => _ => _.DependsOn(T023).Executes(() => { });

    public Target T025 => _ => _.DependsOn(T024).Executes(() => { });

    public Target T026 => _ => _.DependsOn(T025).Executes(() => { });

    public Target T027 => _ => _.DependsOn(T026).Executes(() => { });

    public Target T028 => _ => _.DependsOn(T027).Executes(() => { });

    public Target T029 => _ => _.DependsOn(T028).Executes(() => { });

    public Target T030 => _ => _.DependsOn(T029).Executes(() => { });

    public Target T031 => _ => _.DependsOn(T030).Executes(() => { });

    public Target T032 => _ => _.DependsOn(T031).Executes(() => { });

    public Target T033 => _ => _.DependsOn(T032).Executes(() => { });

    public Target T034 => _ => _.DependsOn(T033).Executes(() => { });

    public Target T035 => _ => _.DependsOn(T034).Executes(() => { });

    public Target T036 => _ => _.DependsOn(T035).Executes(() => { });

    public Target T037 => _ => _.DependsOn(T036).Executes(() => { });

    public Target T038 => _ => _.DependsOn(T037).Executes(() => { });

    public Target T039 => _ => _.DependsOn(T038).Executes(() => { });

    public Target T040 => _ => _.DependsOn(T039).Executes(() => { });

    public Target T041 => _ => _.DependsOn(T040).Executes(() => { });

    public Target T042 => _ => _.DependsOn(T041).Executes(() => { });

    public Target T043 => _ => _.DependsOn(T042).Executes(() => { });

    public Target T044 => _ => _.DependsOn(T043).Executes(() => { });

    public Target T045 => _ => _.DependsOn(T044).Executes(() => { });

    public Target T046 => _ => _.DependsOn(T045).Executes(() => { });

    public Target T047 => _ => _.DependsOn(T046).Executes(() => { });

    public Target T048 => _ => _.DependsOn(T047).Executes(() => { });

    public Target T049 => _ => _.DependsOn(T048).Executes(() => { });

    public Target T050 => _ => _.DependsOn(T049).Executes(() => { });

    public Target T051 => _ => _.DependsOn(T050).Executes(() => { });

    public Target T052 => _ => _.DependsOn(T051).Executes(() => { });

    public Target T053 => _ => _.DependsOn(T052).Executes(() => { });

    public Target T054 => _ => _.DependsOn(T053).Executes(() => { });

    public Target T055 => _ => _.DependsOn(T054).Executes(() => { });

    public Target T056 => _ => _.DependsOn(T055).Executes(() => { });

    public Target T057 => _ => _.DependsOn(T056).Executes(() => { });

    public Target T058 => _ => _.DependsOn(T057).Executes(() => { });

    public Target T059 => _ => _.DependsOn(T058).Executes(() => { });

    public Target T060 => _ => _.DependsOn(T059).Executes(() => { });

    public Target T061 => _ => _.DependsOn(T060).Executes(() => { });

    public Target T062 => _ => _.DependsOn(T061).Executes(() => { });

    public Target T063 => _ => _.DependsOn(T062).Executes(() => { });

    public Target T064 => _ => _.DependsOn(T063).Executes(() => { });

    public Target T065 => _ => _.DependsOn(T064).Executes(() => { });

    public Target T066 => _ => _.DependsOn(T065).Executes(() => { });

    public Target T067 => _ => _.DependsOn(T066).Executes(() => { });

    public Target T068 => _ => _.DependsOn(T067).Executes(() => { });

    public Target T069 => _ => _.DependsOn(T068).Executes(() => { });

    public Target T070 => _ => _.DependsOn(T069).Executes(() => { });

    public Target T071 => _ => _.DependsOn(T070).Executes(() => { });

    public Target T072 => _ => _.DependsOn(T071).Executes(() => { });

    public Target T073 => _ => _.DependsOn(T072).Executes(() => { });

    public Target T074 => _ => _.DependsOn(T073).Executes(() => { });

    public Target T075 => _ => _.DependsOn(T074).Executes(() => { });

    public Target T076 => _ => _.DependsOn(T075).Executes(() => { });

    public Target T077 => _ => _.DependsOn(T076).Executes(() => { });

    public Target T078 => _ => _.DependsOn(T077).Executes(() => { });

    public Target T079 => _ => _.DependsOn(T078).Executes(() => { });

    public Target T080 => _ => _.DependsOn(T079).Executes(() => { });

    public Target T081 => _ => _.DependsOn(T080).Executes(() => { });

    public Target T082 => _ => _.DependsOn(T081).Executes(() => { });

    public Target T083 => _ => _.DependsOn(T082).Executes(() => { });

    public Target T084 => _ => _.DependsOn(T083).Executes(() => { });

    public Target T085 => _ => _.DependsOn(T084).Executes(() => { });

    public Target T086 => _ => _.DependsOn(T085).Executes(() => { });

    public Target T087 => _ => _.DependsOn(T086).Executes(() => { });

    public Target T088 => _ => _.DependsOn(T087).Executes(() => { });

    public Target T089 => _ => _.DependsOn(T088).Executes(() => { });

    public Target T090 => _ => _.DependsOn(T089).Executes(() => { });

    public Target T091 => _ => _.DependsOn(T090).Executes(() => { });

    public Target T092 => _ => _.DependsOn(T091).Executes(() => { });

    public Target T093 => _ => _.DependsOn(T092).Executes(() => { });

    public Target T094 => _ => _.DependsOn(T093).Executes(() => { });

    public Target T095 => _ => _.DependsOn(T094).Executes(() => { });

    public Target T096 => _ => _.DependsOn(T095).Executes(() => { });

    public Target T097 => _ => _.DependsOn(T096).Executes(() => { });

    public Target T098 => _ => _.DependsOn(T097).Executes(() => { });

    public Target T099 => _ => _.DependsOn(T098).Executes(() => { });

    public Target T100 => _ => _.DependsOn(T099).Executes(() => { });
}
