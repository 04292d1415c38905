package io.switchboard.evaluator.judge;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One version of one judge: a single rubric criterion, the prompt that asks it, its scale and pass mark, and the
 * model alias that answers it. Versions are never edited: a change is a new version, so scores of different
 * prompts are never mixed (the version is the scores' {@code scorer_version}). The newest version of a criterion
 * that is not retired is the one in use.
 */
@Entity
@Table(name = "judge_rubrics", uniqueConstraints = @UniqueConstraint(name = "judge_rubrics_criterion_version",
        columnNames = { "criterion", "version" }))
public class Rubric {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 48)
    public String criterion;

    @Column(nullable = false)
    public int version;

    /** The judge's instructions, with {@code {{prompt}}} and {@code {{answer}}} where the job's are put. */
    @Column(nullable = false, columnDefinition = "text")
    public String template;

    @Column(name = "scale_min", nullable = false)
    public double scaleMin;

    @Column(name = "scale_max", nullable = false)
    public double scaleMax;

    /** The least score, on the scale, that passes. */
    @Column(name = "pass_mark", nullable = false)
    public double passMark;

    /** The model alias (route) the judge is asked on, through the gateway. */
    @Column(name = "judge_model", nullable = false, length = 256)
    public String judgeModel;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Set on every version of a criterion taken out of use. */
    @Column(name = "retired_at")
    public Instant retiredAt;

    /** The check name of this judge's scores. */
    public String checkName() {
        return JudgeChecks.checkName(criterion);
    }

    /** A score on the rubric's scale, as a share of it: 0 at the bottom, 1 at the top. */
    public double normalized(double score) {
        return (score - scaleMin) / (scaleMax - scaleMin);
    }

    public boolean passes(double score) {
        return score >= passMark;
    }

    public boolean onScale(double score) {
        return score >= scaleMin && score <= scaleMax;
    }
}
