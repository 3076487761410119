{{/* The chart name, truncated to a DNS label. */}}
{{- define "ladder.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: "<release>-ladder", or the release name when it already contains the chart name. */}}
{{- define "ladder.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "ladder.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "ladder.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ladder
{{- end }}

{{/* The operator pods' selector. */}}
{{- define "ladder.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ladder.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "ladder.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ladder.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "ladder.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "ladder.runnerImage" -}}
{{- printf "%s:%s" .Values.runner.image.repository (default .Chart.AppVersion .Values.runner.image.tag) }}
{{- end }}

{{/* The webhook's Service, Certificate and TLS Secret names. */}}
{{- define "ladder.webhookName" -}}
{{- printf "%s-webhook" (include "ladder.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
